using Liaison.Audit.Merkle;

namespace Liaison.Audit.Internal;

/// <summary>
/// Maps a leaf range [begin, end) to the perfect subtrees that cover it and
/// folds their hashes back into MTH(D[begin:end]).
/// Every hash in an RFC 9162 proof is MTH of a range whose start is aligned to
/// a power of two at least its length, so its decomposition is the binary
/// expansion of its length, largest subtree first, and folding right to left
/// rebuilds exactly the RFC's left-balanced split.
/// </summary>
internal static class Subtrees
{
    public static List<NodeId> Decompose(ulong begin, ulong end)
    {
        var nodes = new List<NodeId>(64);
        while (begin < end)
        {
            var alignment = begin == 0 ? 63 : System.Numerics.BitOperations.TrailingZeroCount(begin);
            var fits = 63 - System.Numerics.BitOperations.LeadingZeroCount(end - begin);
            var level = Math.Min(alignment, fits);
            nodes.Add(new NodeId(level, begin >> level));
            begin += 1UL << level;
        }
        return nodes;
    }

    /// <summary>Folds perfect-subtree hashes, largest first, into the hash of their union.</summary>
    public static MerkleHash Fold(IReadOnlyList<MerkleHash> hashes)
    {
        if (hashes.Count == 0)
        {
            return Rfc6962.EmptyRoot;
        }
        var accumulator = hashes[^1];
        for (var i = hashes.Count - 2; i >= 0; i--)
        {
            accumulator = Rfc6962.HashChildren(hashes[i], accumulator);
        }
        return accumulator;
    }

    /// <summary>The largest power of two strictly less than <paramref name="n"/> (n ≥ 2): the RFC's k.</summary>
    public static ulong SplitPoint(ulong n) => 1UL << (63 - System.Numerics.BitOperations.LeadingZeroCount(n - 1));
}
