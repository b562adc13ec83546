using System.Collections.Immutable;

namespace Liaison.Workflows.Handover;

/// <summary>
/// The configured rules a handover plan must meet: the border gates where
/// handovers may take place (ids such as "VN-LAOCAI/CN-HEKOU", the Lao Cai–Hekou
/// international border gate) and the minimum notice before the window opens
/// (Joint Circular 01/2014: at least 3 days). Validated on construction; immutable.
/// </summary>
public sealed record HandoverPolicy
{
    /// <summary>The default minimum notice, in days.</summary>
    public const int DefaultMinimumNoticeDays = 3;

    /// <summary>Creates a policy; <paramref name="minimumNoticeDays"/> must be 0 or more, and at least one gate is required.</summary>
    public HandoverPolicy(IEnumerable<string> borderGates, int minimumNoticeDays = DefaultMinimumNoticeDays)
    {
        ArgumentNullException.ThrowIfNull(borderGates);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumNoticeDays);
        BorderGates = borderGates.ToImmutableSortedSet(StringComparer.Ordinal);
        if (BorderGates.IsEmpty || BorderGates.Any(g => !WorkflowIds.IsValid(g)))
        {
            throw new ArgumentException("At least one border gate id (A-Za-z0-9/._-) is required.", nameof(borderGates));
        }
        MinimumNoticeDays = minimumNoticeDays;
    }

    /// <summary>The gates handovers may use.</summary>
    public ImmutableSortedSet<string> BorderGates { get; }

    /// <summary>The minimum number of whole days between a proposal and the start of its window.</summary>
    public int MinimumNoticeDays { get; }

    /// <summary>The notice as a duration.</summary>
    public TimeSpan MinimumNotice => TimeSpan.FromDays(MinimumNoticeDays);
}
