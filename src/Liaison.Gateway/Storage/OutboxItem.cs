namespace Liaison.Gateway.Storage;

/// <summary>
/// One thing to publish: an outbound envelope or a receipt. It stays in the outbox
/// until <see cref="IGatewayStore.MarkPublishedAsync"/> confirms it, so a crash
/// between claim and publish only delays it.
/// </summary>
/// <param name="Id">The outbox row's id, never reused.</param>
/// <param name="EnvelopeId">The envelope sent, or the envelope the receipt is for.</param>
/// <param name="Destination">The partner node to publish to.</param>
/// <param name="Attempts">How many times it has been claimed, this claim included.</param>
public sealed record OutboxItem(long Id, Guid EnvelopeId, string Destination, OutboxKind Kind, ReadOnlyMemory<byte> Bytes, int Attempts);
