using System.Collections.Immutable;

namespace Liaison.Audit.Merkle;

/// <summary>
/// RFC 9162 §2.1.4 consistency proof that the tree of <paramref name="FromSize"/>
/// leaves is a prefix of the tree of <paramref name="ToSize"/> leaves.
/// </summary>
public sealed record ConsistencyProof(ulong FromSize, ulong ToSize, ImmutableArray<MerkleHash> Path)
{
    public bool Verify(MerkleHash fromRoot, MerkleHash toRoot) =>
        MerkleVerifier.VerifyConsistency(FromSize, ToSize, Path, fromRoot, toRoot);
}
