using Liaison.Envelope.V1;

namespace Liaison.Gateway.Storage;

/// <summary>
/// One message as stored: an immutable snapshot of its row. The clear-text fields
/// are the envelope header's, which never hold personal data; the payload does, and
/// is only ever returned to this node's own callers.
/// </summary>
public sealed record MessageRecord
{
    /// <summary>The envelope's UUIDv7; the message's key in both directions.</summary>
    public required Guid EnvelopeId { get; init; }

    public required MessageDirection Direction { get; init; }

    /// <summary>The recipient of an outbound message, the sender of an inbound one.</summary>
    public required string PeerNode { get; init; }

    public required string MessageType { get; init; }

    public required string CaseReference { get; init; }

    public required string CorrelationId { get; init; }

    public required Priority Priority { get; init; }

    /// <summary>The per-link sequence number carried in the header, from 1.</summary>
    public required ulong Sequence { get; init; }

    public required MessageState State { get; init; }

    /// <summary><see cref="RejectionReason.Unspecified"/> unless <see cref="State"/> is <see cref="MessageState.Rejected"/>.</summary>
    public required RejectionReason RejectionReason { get; init; }

    /// <summary>The client-chosen id of an outbound submit; null for inbound messages.</summary>
    public string? RequestId { get; init; }

    /// <summary>SHA-256 of the canonical request of an outbound submit; null for inbound messages.</summary>
    public ReadOnlyMemory<byte>? RequestDigest { get; init; }

    /// <summary>The sealed envelope exactly as sent or received.</summary>
    public required ReadOnlyMemory<byte> EnvelopeBytes { get; init; }

    /// <summary>The decrypted payload of a stored inbound message, or the kept payload of an outbound one (see <see cref="OutboundSubmission.KeptPayload"/>); null otherwise.</summary>
    public ReadOnlyMemory<byte>? Payload { get; init; }

    /// <summary>
    /// The signed receipt: for an outbound message, the one that came back; for an
    /// inbound message, the one this node sent, kept so that a duplicate can be
    /// answered with the original. Null until there is one.
    /// </summary>
    public ReadOnlyMemory<byte>? ReceiptBytes { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The envelope's own expiry, from its header.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
