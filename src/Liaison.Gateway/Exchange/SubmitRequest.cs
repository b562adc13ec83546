using Liaison.Envelope.V1;

namespace Liaison.Gateway.Exchange;

/// <summary>A caller's request to send a message to a partner node. The payload is what gets sealed.</summary>
/// <param name="RequestId">Chosen by the caller; a retry with the same id returns the first result.</param>
public sealed record SubmitRequest(string RequestId, string RecipientNode, string MessageType, ReadOnlyMemory<byte> Payload)
{
    /// <summary>An opaque case reference such as "LC-2026-0042"; it travels in clear text, so never a name.</summary>
    public string CaseReference { get; init; } = "";

    public string CorrelationId { get; init; } = "";

    public Priority Priority { get; init; } = Priority.Routine;

    /// <summary>How long the envelope stays valid; defaults to the agreement's maximum.</summary>
    public TimeSpan? Lifetime { get; init; }

    /// <summary>
    /// Keep the clear payload with the sent message, for a sender that must read back what it
    /// sent (the workflows fold their own steps). Off by default: a relay has no need to.
    /// </summary>
    public bool KeepPayload { get; init; }

    /// <summary>Who submits it, as the audit entries name them: the caller's subject id, or "node" for the gateway's own messages. Not part of the request's digest.</summary>
    public string Actor { get; init; } = Auditing.AuditActors.Node;
}
