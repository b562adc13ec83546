using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Witnessing;

/// <summary>An inbound audit.checkpoint or audit.cosignature message, as the witnessing reads it from the inbox (metadata only).</summary>
/// <param name="Arrival">Its place in the inbox's arrival order: the witnessing's cursor.</param>
public sealed record WitnessingMessage(long Arrival, Guid EnvelopeId, string PeerNode, string MessageType, MessageState State);
