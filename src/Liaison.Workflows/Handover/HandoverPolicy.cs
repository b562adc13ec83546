using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Liaison.Workflows.Handover;

/// <summary>
/// The configured rules a handover must meet: the border gates where handovers may take place
/// (e.g. "VN-LAOCAI/CN-HEKOU", the Lao Cai–Hekou international border gate), the minimum notice
/// before the window opens (Joint Circular 01/2014: at least 3 days), and how far before or after
/// the agreed window the roll-call at the gate may be held. Validated on construction; immutable.
/// Both sides must configure the same rules, or each refuses the other's steps as conflicts.
/// </summary>
public sealed record HandoverPolicy
{
    /// <summary>The default minimum notice, in days.</summary>
    public const int DefaultMinimumNoticeDays = 3;

    /// <summary>The default roll-call tolerance: two hours either side of the window.</summary>
    public static readonly TimeSpan DefaultRollCallTolerance = TimeSpan.FromHours(2);

    private readonly FrozenDictionary<string, BorderGate> byCode;

    /// <summary>
    /// Creates a policy; at least one gate is required, gate codes must be unique,
    /// <paramref name="minimumNoticeDays"/> must be 0 or more and <paramref name="rollCallTolerance"/> (default 2 hours) 0 or more.
    /// </summary>
    public HandoverPolicy(IEnumerable<BorderGate> borderGates, int minimumNoticeDays = DefaultMinimumNoticeDays, TimeSpan? rollCallTolerance = null)
    {
        ArgumentNullException.ThrowIfNull(borderGates);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumNoticeDays);
        var tolerance = rollCallTolerance ?? DefaultRollCallTolerance;
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero, nameof(rollCallTolerance));
        BorderGates = [.. borderGates];
        if (BorderGates.IsEmpty || BorderGates.Any(g => g is null))
        {
            throw new ArgumentException("At least one border gate is required.", nameof(borderGates));
        }

        if (BorderGates.GroupBy(g => g.Code, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"Border gate {duplicate.Key} is listed more than once.", nameof(borderGates));
        }

        byCode = BorderGates.ToFrozenDictionary(g => g.Code, StringComparer.Ordinal);
        MinimumNoticeDays = minimumNoticeDays;
        RollCallTolerance = tolerance;
    }

    /// <summary>The gates handovers may use, in the configured order.</summary>
    public ImmutableArray<BorderGate> BorderGates { get; }

    /// <summary>The minimum number of whole days between a proposal and the start of its window.</summary>
    public int MinimumNoticeDays { get; }

    /// <summary>The notice as a duration.</summary>
    public TimeSpan MinimumNotice => TimeSpan.FromDays(MinimumNoticeDays);

    /// <summary>How long before the window opens, and after it closes, the roll-call may still be held.</summary>
    public TimeSpan RollCallTolerance { get; }

    /// <summary>The configured gate with <paramref name="code"/>, or null.</summary>
    public BorderGate? Find(string? code) => code is not null && byCode.TryGetValue(code, out var gate) ? gate : null;
}
