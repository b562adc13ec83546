using System.Collections.Immutable;
using Google.Protobuf;
using Liaison.Workflow.V1;

namespace Liaison.Workflows.Handover;

/// <summary>
/// The state of one repatriation handover. The pending (or agreed) plan is
/// kept as immutable bytes; <see cref="Plan"/> parses a fresh copy.
/// </summary>
public sealed record HandoverState
{
    /// <summary>The workflow id.</summary>
    public required string WorkflowId { get; init; }

    /// <summary>Where it stands.</summary>
    public required HandoverStatus Status { get; init; }

    /// <summary>The side that authored the pending (or agreed) plan.</summary>
    public required Party PendingBy { get; init; }

    /// <summary>The serialised pending (or agreed) plan.</summary>
    public required ByteString PlanBytes { get; init; }

    /// <summary>The person ids on the plan's list, in order.</summary>
    public required ImmutableArray<string> PersonIds { get; init; }

    /// <summary>The plan's border gate.</summary>
    public required string BorderGateId { get; init; }

    /// <summary>The configured gate of that id (names, time zone), as the policy held it when the plan was folded; null if it is no longer configured.</summary>
    public BorderGate? Gate { get; init; }

    /// <summary>Start of the plan's window.</summary>
    public required DateTimeOffset WindowStart { get; init; }

    /// <summary>End of the plan's window.</summary>
    public required DateTimeOffset WindowEnd { get; init; }

    /// <summary>Roll-call result per person id, once called.</summary>
    public ImmutableDictionary<string, RollCallPresence> RollCall { get; init; } = ImmutableDictionary<string, RollCallPresence>.Empty;

    /// <summary>The person ids present at the roll-call.</summary>
    public IEnumerable<string> PresentPersonIds => PersonIds.Where(id => RollCall.GetValueOrDefault(id) == RollCallPresence.Present);

    /// <summary>The opening side's latest signature over a handover record.</summary>
    public SignatureRecord? InitiatorSignature { get; init; }

    /// <summary>The other side's latest signature over a handover record.</summary>
    public SignatureRecord? ResponderSignature { get; init; }

    /// <summary>When it was completed.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When it was cancelled or declined.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>When the last step was applied.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>A fresh copy of the pending (or agreed) plan.</summary>
    public HandoverPlan Plan => HandoverPlan.Parser.ParseFrom(PlanBytes);

    /// <summary>True when both sides signed, over the same record digest.</summary>
    public bool SignedByBothOverSameDigest =>
        InitiatorSignature is { } i && ResponderSignature is { } r && i.DigestHex == r.DigestHex;

    /// <summary>True once completed, declined or cancelled.</summary>
    public bool IsFinal => Status is HandoverStatus.Completed or HandoverStatus.Declined or HandoverStatus.Cancelled;
}
