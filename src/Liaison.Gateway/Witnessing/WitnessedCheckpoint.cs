using Liaison.Audit.Merkle;

namespace Liaison.Gateway.Witnessing;

/// <summary>A checkpoint of a partner's audit log that this node cosigned as its witness: the witness state for that log.</summary>
/// <param name="Origin">The partner's log, e.g. "liaison.example/cn-yunnan/audit".</param>
/// <param name="CosignedNote">The checkpoint note with this node's cosignature appended.</param>
/// <param name="EnvelopeId">The audit.checkpoint message it came in.</param>
public sealed record WitnessedCheckpoint(string Origin, long TreeSize, MerkleHash Root, string CosignedNote, Guid EnvelopeId, DateTimeOffset WitnessedAt);
