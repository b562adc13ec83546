using Liaison.Workflows.Handover;

namespace Liaison.Gateway.Workflows;

/// <summary>
/// The handover rules from the "Workflows" section: the border gates where handovers may take
/// place (Workflows:BorderGates, each a code, its names in vi/zh/en and its time zone), the
/// minimum notice and the roll-call tolerance. Checked at start-up by
/// <see cref="HandoverOptionsValidator"/>; both sides must configure the same rules (each folds
/// the other's steps with its own). Mutable for configuration binding only.
/// </summary>
public sealed class HandoverOptions
{
    public const string Section = "Workflows";

    /// <summary>The gates; null (the section has none) means <see cref="WorkflowDefaults.BorderGates"/>.</summary>
    public List<BorderGateOptions>? BorderGates { get; set; }

    /// <summary>Whole days between a proposal and the start of its window. Default 3 (Joint Circular 01/2014); between 0 and 30.</summary>
    public int MinimumNoticeDays { get; set; } = HandoverPolicy.DefaultMinimumNoticeDays;

    /// <summary>How long before the agreed window opens, and after it closes, the roll-call may be held. Default 2 hours; at most 24 hours.</summary>
    public TimeSpan RollCallTolerance { get; set; } = HandoverPolicy.DefaultRollCallTolerance;

    /// <summary>The policy the handover workflow applies; call only on options the validator passed.</summary>
    public HandoverPolicy ToPolicy()
    {
        var gates = BorderGates is null
            ? WorkflowDefaults.BorderGates
            : BorderGates.Select(g => new BorderGate(g.Code, g.NameVi, g.NameZh, g.NameEn, TimeZoneInfo.FindSystemTimeZoneById(g.TimeZone))).ToList();
        return new HandoverPolicy(gates, MinimumNoticeDays, RollCallTolerance);
    }
}
