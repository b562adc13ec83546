namespace Liaison.Gateway.Witnessing;

/// <summary>A partner's cosignature of one of this node's own checkpoints, as stored on this node.</summary>
/// <param name="Witness">The partner node that cosigned (the key name of its cosignature line).</param>
/// <param name="Note">The checkpoint note with the node's signature and the witness's cosignature.</param>
/// <param name="EnvelopeId">The audit.cosignature message it came in.</param>
public sealed record StoredCosignature(long TreeSize, string Witness, string Note, Guid EnvelopeId, DateTimeOffset ReceivedAt);
