using Liaison.Envelope.V1;

namespace Liaison.Gateway.Storage;

/// <summary>
/// A message's stored metadata without its envelope or payload, so that many can be
/// listed without loading their bytes. Read the payload of one with
/// <see cref="IGatewayStore.GetPayloadAsync"/>.
/// </summary>
public sealed record MessageSummary
{
    public required Guid EnvelopeId { get; init; }

    public required MessageDirection Direction { get; init; }

    /// <summary>The recipient of an outbound message, the sender of an inbound one.</summary>
    public required string PeerNode { get; init; }

    public required string MessageType { get; init; }

    public required string CaseReference { get; init; }

    public required string CorrelationId { get; init; }

    /// <summary>The per-link sequence number carried in the header, from 1.</summary>
    public required ulong Sequence { get; init; }

    public required MessageState State { get; init; }

    public required RejectionReason RejectionReason { get; init; }

    /// <summary>The size of the stored payload; 0 when this node holds none (every outbound message).</summary>
    public required long PayloadSize { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
