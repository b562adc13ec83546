using System.Collections.Immutable;

namespace Liaison.Audit.Merkle;

/// <summary>
/// RFC 9162 §2.1.3 inclusion proof (audit path) of leaf <paramref name="LeafIndex"/>
/// (zero-based) in the tree of <paramref name="TreeSize"/> leaves, lowest sibling first.
/// </summary>
public sealed record InclusionProof(ulong LeafIndex, ulong TreeSize, ImmutableArray<MerkleHash> Path)
{
    /// <summary>True when <paramref name="leafHash"/> at LeafIndex leads to <paramref name="root"/>.</summary>
    public bool Verify(MerkleHash leafHash, MerkleHash root) =>
        MerkleVerifier.VerifyInclusion(LeafIndex, TreeSize, leafHash, Path, root);
}
