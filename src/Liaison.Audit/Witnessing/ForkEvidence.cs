using System.Collections.Immutable;
using Liaison.Audit.Checkpoints;
using Liaison.Audit.Merkle;

namespace Liaison.Audit.Witnessing;

/// <summary>
/// Both signed checkpoints of a conflict, kept as they were received so that
/// anyone with the log's public key can check them later. For a
/// <see cref="WitnessVerdict.Fork"/> the two signatures alone prove the log
/// misbehaved; for <see cref="WitnessVerdict.InconsistentProof"/> they are grounds
/// for an alert and for asking the log for a proof again.
/// </summary>
public sealed record ForkEvidence(SignedCheckpoint Seen, SignedCheckpoint Presented, ImmutableArray<MerkleHash> ConsistencyProof);
