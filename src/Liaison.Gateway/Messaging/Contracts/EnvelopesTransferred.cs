namespace Liaison.Gateway.Messaging.Contracts;

/// <summary>
/// Several sealed envelopes for the same partner in one broker message: the outbox dispatcher
/// packs the small envelopes of a dispatch batch into frames (<see cref="OutboxFrames"/>), so the
/// brokers, the shovel and both buses handle one message for many. Each envelope is still
/// opened, stored, receipted and, when refused, recorded on its own: a frame is transport only,
/// and carries nothing an envelope does not.
/// <para>Part of the wire contract, like <see cref="EnvelopeTransferred"/>: never rename or move it.</para>
/// </summary>
/// <param name="Envelopes">The serialised <c>SealedEnvelope</c>s, in the order they were queued.</param>
public sealed record EnvelopesTransferred(byte[][] Envelopes);
