using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Witnessing;

/// <summary>
/// What the handling of one witnessing message changes, written in one transaction: the
/// state it adds (at most one of each), its audit entry and the cursor past the message, so
/// that a message is handled exactly once even across a crash.
/// </summary>
/// <param name="Arrival">The message's arrival number; the cursor moves to it.</param>
public sealed record WitnessingStep(long Arrival)
{
    public WitnessedCheckpoint? Witnessed { get; init; }

    public StoredCosignature? Cosignature { get; init; }

    public WitnessAlert? Alert { get; init; }

    /// <summary>The audit entry to append, or null to only move the cursor.</summary>
    public AuditEventType? Event { get; init; }

    public Guid? EnvelopeId { get; init; }

    public string PeerNode { get; init; } = "";

    public string ReasonCode { get; init; } = "";

    /// <summary>Ids, sizes and roots only.</summary>
    public string Detail { get; init; } = "";
}
