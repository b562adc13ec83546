using System.Collections.Immutable;
using Liaison.Audit.Internal;

namespace Liaison.Audit.Merkle;

/// <summary>
/// The right frontier of a growing log: the roots of the perfect subtrees that
/// cover leaves [0, Size), largest first (one per set bit of Size). Appending is
/// O(log n) amortised O(1) hashes and the tree head of the current size is a fold
/// of at most 64 hashes, so the log never rehashes what it already has.
/// Every perfect subtree completed by an append is reported once, so that a store
/// can keep it for proofs (<see cref="IHashStore"/>).
/// Mutable and not thread-safe: a log has one writer, which serialises appends.
/// </summary>
public sealed class CompactRange
{
    private readonly List<MerkleHash> _frontier;

    public CompactRange()
        : this(0, [])
    {
    }

    private CompactRange(ulong size, List<MerkleHash> frontier)
    {
        Size = size;
        _frontier = frontier;
    }

    /// <summary>How many leaves have been appended.</summary>
    public ulong Size { get; private set; }

    /// <summary>A snapshot of the frontier hashes, largest subtree first.</summary>
    public ImmutableArray<MerkleHash> Frontier => [.. _frontier];

    /// <summary>The perfect subtrees whose hashes form the frontier of a tree of <paramref name="size"/> leaves.</summary>
    public static IReadOnlyList<NodeId> FrontierNodes(ulong size) => Subtrees.Decompose(0, size);

    /// <summary>
    /// Resumes a log after a restart from its size and the hashes of
    /// <see cref="FrontierNodes"/>(size), read back from its store.
    /// </summary>
    public static CompactRange Resume(ulong size, IReadOnlyList<MerkleHash> frontier)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        var expected = System.Numerics.BitOperations.PopCount(size);
        if (frontier.Count != expected)
        {
            throw new ArgumentException($"A tree of {size} leaves has {expected} frontier hashes, not {frontier.Count}.", nameof(frontier));
        }
        foreach (var hash in frontier)
        {
            ArgumentNullException.ThrowIfNull(hash, nameof(frontier));
        }
        return new CompactRange(size, [.. frontier]);
    }

    /// <summary>Appends a leaf by its data and returns the leaf's index.</summary>
    public ulong AppendLeaf(ReadOnlySpan<byte> data, Action<NodeId, MerkleHash>? onNodeCompleted = null) =>
        Append(Rfc6962.HashLeaf(data), onNodeCompleted);

    /// <summary>
    /// Appends a leaf by its leaf hash and returns the leaf's index.
    /// <paramref name="onNodeCompleted"/> sees the leaf itself (level 0) and then
    /// every parent that the append completes, lowest first.
    /// </summary>
    public ulong Append(MerkleHash leafHash, Action<NodeId, MerkleHash>? onNodeCompleted = null)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        if (Size == ulong.MaxValue)
        {
            throw new InvalidOperationException("The log is full.");
        }
        var index = Size;
        onNodeCompleted?.Invoke(new NodeId(0, index), leafHash);
        var hash = leafHash;
        var level = 0;
        // Each trailing one bit of the old size is a left sibling that now has its right half.
        for (var bits = index; (bits & 1) == 1; bits >>= 1)
        {
            var left = _frontier[^1];
            _frontier.RemoveAt(_frontier.Count - 1);
            hash = Rfc6962.HashChildren(left, hash);
            level++;
            onNodeCompleted?.Invoke(new NodeId(level, index >> level), hash);
        }
        _frontier.Add(hash);
        Size = index + 1;
        return index;
    }

    /// <summary>MTH(D[0:Size]); the empty-string hash for an empty log.</summary>
    public MerkleHash Root() => Subtrees.Fold(_frontier);
}
