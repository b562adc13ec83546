using System.Collections.Immutable;
using Liaison.Audit.Internal;

namespace Liaison.Audit.Merkle;

/// <summary>
/// Builds tree heads and proofs for any past size of a log from its stored
/// perfect subtrees, with one batched read per call. The caller must not ask
/// for a size beyond what the store holds (the store then reports a missing
/// node). Thread-safe if the store is.
/// </summary>
public sealed class MerkleProver(IHashStore store)
{
    private readonly IHashStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>MTH(D[0:size]).</summary>
    public async ValueTask<MerkleHash> RootAsync(ulong size, CancellationToken cancellationToken = default)
    {
        var hashes = await _store.GetNodesAsync(Subtrees.Decompose(0, size), cancellationToken);
        return Subtrees.Fold(hashes);
    }

    /// <summary>PATH(index, D[0:treeSize]) of RFC 9162 §2.1.3.1.</summary>
    public async ValueTask<InclusionProof> InclusionProofAsync(ulong index, ulong treeSize, CancellationToken cancellationToken = default)
    {
        if (index >= treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Leaf {index} is not in a tree of {treeSize} leaves.");
        }
        var path = await HashesOfAsync(ProofRanges.Inclusion(index, treeSize), cancellationToken);
        return new InclusionProof(index, treeSize, path);
    }

    /// <summary>PROOF(fromSize, D[0:toSize]) of RFC 9162 §2.1.4.1; empty when fromSize is 0 or equals toSize.</summary>
    public async ValueTask<ConsistencyProof> ConsistencyProofAsync(ulong fromSize, ulong toSize, CancellationToken cancellationToken = default)
    {
        if (fromSize > toSize)
        {
            throw new ArgumentOutOfRangeException(nameof(fromSize), fromSize, $"A tree of {fromSize} leaves cannot be a prefix of one of {toSize}.");
        }
        var path = await HashesOfAsync(ProofRanges.Consistency(fromSize, toSize), cancellationToken);
        return new ConsistencyProof(fromSize, toSize, path);
    }

    private async ValueTask<ImmutableArray<MerkleHash>> HashesOfAsync(List<(ulong Begin, ulong End)> ranges, CancellationToken cancellationToken)
    {
        var perRange = ranges.Select(r => Subtrees.Decompose(r.Begin, r.End)).ToList();
        var fetched = await _store.GetNodesAsync(perRange.SelectMany(ids => ids).ToList(), cancellationToken);
        var result = ImmutableArray.CreateBuilder<MerkleHash>(ranges.Count);
        var offset = 0;
        foreach (var ids in perRange)
        {
            result.Add(Subtrees.Fold(new ArraySegment<MerkleHash>([.. fetched.Skip(offset).Take(ids.Count)])));
            offset += ids.Count;
        }
        return result.MoveToImmutable();
    }
}
