using System.Buffers;
using System.Security.Cryptography;

namespace Liaison.Crypto.Envelopes;

/// <summary>
/// The RFC 6962 Merkle tree (SHA-256) of a batch of receipts, whose leaves are the serialised
/// receipts in order: its root is what a batch signature covers, and each receipt carries its
/// inclusion proof (ENVELOPE-SPEC.md, section 9). Liaison.Audit has the audit log's own tree,
/// but this project cannot depend on it, and a batch is small and built in one go, so the
/// recursive definitions of RFC 6962 section 2.1 are used as they are. Thread-safe.
/// </summary>
public static class ReceiptBatchTree
{
    public const int HashLength = 32;

    /// <summary>SHA-256(0x00 || receipt).</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> receipt)
    {
        var input = ArrayPool<byte>.Shared.Rent(1 + receipt.Length);
        try
        {
            input[0] = 0x00;
            receipt.CopyTo(input.AsSpan(1));
            return SHA256.HashData(input.AsSpan(0, 1 + receipt.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    /// <summary>
    /// MTH(D[n]) of the leaf hashes and PATH(m, D[n]) of every leaf, from the leaf up (RFC 6962,
    /// sections 2.1 and 2.1.1), in one pass: each of the n - 1 inner nodes is hashed once.
    /// </summary>
    public static (byte[] Root, IReadOnlyList<byte[]>[] Paths) Build(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        ArgumentOutOfRangeException.ThrowIfZero(leafHashes.Count);
        var paths = new List<byte[]>[leafHashes.Count];
        for (var i = 0; i < paths.Length; i++)
        {
            paths[i] = [];
        }

        return (Subtree(leafHashes, 0, leafHashes.Count, paths), paths);
    }

    /// <summary>
    /// The root that <paramref name="path"/> proves leaf <paramref name="index"/> of a tree of
    /// <paramref name="size"/> leaves is under (RFC 9162, section 2.1.3.2), or null when the
    /// proof cannot be one for that position: wrong length, or a hash of the wrong size.
    /// </summary>
    public static byte[]? RootFromPath(ulong index, ulong size, ReadOnlySpan<byte> leafHash, IReadOnlyList<ReadOnlyMemory<byte>> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (index >= size || leafHash.Length != HashLength)
        {
            return null;
        }

        var (fn, sn) = (index, size - 1);
        var root = leafHash.ToArray();
        foreach (var node in path)
        {
            if (sn == 0 || node.Length != HashLength)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                root = Node(node.Span, root);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                root = Node(root, node.Span);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 ? root : null;
    }

    /// <summary>MTH(D[start:start+count]); adds the subtree's other half to the path of each leaf below.</summary>
    private static byte[] Subtree(IReadOnlyList<byte[]> leaves, int start, int count, List<byte[]>[] paths)
    {
        if (count == 1)
        {
            return leaves[start];
        }

        var split = LargestPowerOfTwoBelow(count);
        var left = Subtree(leaves, start, split, paths);
        var right = Subtree(leaves, start + split, count - split, paths);
        for (var i = start; i < start + count; i++)
        {
            paths[i].Add(i < start + split ? right : left);
        }

        return Node(left, right);
    }

    private static int LargestPowerOfTwoBelow(int n) => 1 << (31 - int.LeadingZeroCount(n - 1));

    private static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + (2 * HashLength)];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + HashLength)..]);
        return SHA256.HashData(input);
    }
}
