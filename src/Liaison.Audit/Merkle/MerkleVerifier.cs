namespace Liaison.Audit.Merkle;

/// <summary>
/// The RFC 9162 verification algorithms (§2.1.3.2 inclusion, §2.1.4.2 consistency).
/// They never throw on hostile proofs: a proof of the wrong length, for the
/// wrong index or size, or with a changed hash simply does not verify.
/// Stateless and thread-safe.
/// </summary>
public static class MerkleVerifier
{
    /// <summary>The root that the proof leads to, or null when the proof's shape does not fit the index and size.</summary>
    public static MerkleHash? RootFromInclusionProof(ulong index, ulong treeSize, MerkleHash leafHash, IReadOnlyList<MerkleHash> proof)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        ArgumentNullException.ThrowIfNull(proof);
        if (index >= treeSize)
        {
            return null;
        }
        var fn = index;
        var sn = treeSize - 1;
        var r = leafHash;
        foreach (var p in proof)
        {
            if (sn == 0 || p is null)
            {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                r = Rfc6962.HashChildren(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = Rfc6962.HashChildren(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    public static bool VerifyInclusion(ulong index, ulong treeSize, MerkleHash leafHash, IReadOnlyList<MerkleHash> proof, MerkleHash root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return RootFromInclusionProof(index, treeSize, leafHash, proof) == root;
    }

    /// <summary>
    /// True when <paramref name="proof"/> shows that the tree with root
    /// <paramref name="root1"/> of <paramref name="size1"/> leaves is a prefix of the
    /// tree with root <paramref name="root2"/> of <paramref name="size2"/> leaves.
    /// Equal sizes need an empty proof and equal roots; the empty tree is a prefix
    /// of every tree (empty proof).
    /// </summary>
    public static bool VerifyConsistency(ulong size1, ulong size2, IReadOnlyList<MerkleHash> proof, MerkleHash root1, MerkleHash root2)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(root1);
        ArgumentNullException.ThrowIfNull(root2);
        if (size2 < size1)
        {
            return false;
        }
        if (size1 == size2)
        {
            return proof.Count == 0 && root1 == root2;
        }
        if (size1 == 0)
        {
            return proof.Count == 0;
        }
        if (proof.Count == 0 || proof.Any(p => p is null))
        {
            return false;
        }

        // Step 2: when size1 is a power of two the old root is itself a node of the new tree.
        var path = System.Numerics.BitOperations.IsPow2(size1) ? [root1, .. proof] : proof.ToList();
        var fn = size1 - 1;
        var sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = Rfc6962.HashChildren(c, fr);
                sr = Rfc6962.HashChildren(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = Rfc6962.HashChildren(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr == root1 && sr == root2;
    }
}
