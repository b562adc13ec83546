namespace Liaison.Audit.Merkle;

/// <summary>
/// A perfect subtree of the log: the 2^<see cref="Level"/> leaves starting at
/// leaf <see cref="Index"/> · 2^<see cref="Level"/>. Level 0 nodes are leaf hashes.
/// Only perfect subtrees are ever stored; every other hash a proof needs is
/// recomputed from at most log2(n) of them, so a stored node never changes once written.
/// </summary>
public readonly record struct NodeId
{
    public NodeId(int level, ulong index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 63);
        if (level > 0 && index > (ulong.MaxValue >> level))
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "The subtree would start beyond 2^64 leaves.");
        }
        Level = level;
        Index = index;
    }

    public int Level { get; }

    public ulong Index { get; }

    /// <summary>The first leaf the subtree covers.</summary>
    public ulong FirstLeaf => Index << Level;

    /// <summary>How many leaves the subtree covers.</summary>
    public ulong LeafCount => 1UL << Level;

    public override string ToString() => $"({Level},{Index})";
}
