using System.Text;
using Liaison.Audit.Merkle;

namespace Liaison.Audit.Tests;

/// <summary>The published RFC 6962 / Certificate Transparency vectors (see tests/vectors/merkle-rfc6962.json for sources).</summary>
public sealed class GoldenVectorTests
{
    [Fact]
    public void TheHasherMatchesTheRfc6962LeafNodeAndEmptyVectors()
    {
        var hasher = Vectors.Json.GetProperty("hasher");
        Assert.Equal(Vectors.Hash(Vectors.Json.GetProperty("empty_root")), Rfc6962.EmptyRoot);
        Assert.Equal(Vectors.Hash(hasher.GetProperty("leaf_hash")), Rfc6962.HashLeaf(Encoding.ASCII.GetBytes(hasher.GetProperty("leaf_input_ascii").GetString()!)));

        // The Go test hashes two raw byte strings as children, not 32-byte hashes; use the span primitive.
        var node = new byte[32];
        Rfc6962.HashChildren(Encoding.ASCII.GetBytes("N123"), Encoding.ASCII.GetBytes("N456"), node);
        Assert.Equal(hasher.GetProperty("node_hash").GetString(), Convert.ToHexStringLower(node));
    }

    [Fact]
    public void EveryPublishedTreeHeadOfSizesZeroToEightIsReproducedIncrementally()
    {
        var range = new CompactRange();
        Assert.Equal(Vectors.RootOfSize(0), range.Root());
        foreach (var leaf in Vectors.Leaves)
        {
            range.AppendLeaf(leaf);
            Assert.Equal(Vectors.RootOfSize(range.Size), range.Root());
        }
    }

    [Fact]
    public async Task EveryPublishedTreeHeadIsReproducedFromStoredNodes()
    {
        var prover = new MerkleProver(Vectors.ReferenceTree());
        for (ulong size = 0; size <= 8; size++)
        {
            Assert.Equal(Vectors.RootOfSize(size), await prover.RootAsync(size));
        }
    }

    [Fact]
    public async Task EveryPublishedInclusionProofIsGeneratedExactlyAndVerifies()
    {
        var prover = new MerkleProver(Vectors.ReferenceTree());
        var leaves = Vectors.Leaves;
        foreach (var vector in Vectors.Json.GetProperty("inclusion").EnumerateArray())
        {
            var index = vector.GetProperty("leaf_index").GetUInt64();
            var size = vector.GetProperty("tree_size").GetUInt64();
            var expected = Vectors.Hashes(vector.GetProperty("path"));

            var proof = await prover.InclusionProofAsync(index, size);

            Assert.Equal(expected, proof.Path);
            Assert.True(proof.Verify(Rfc6962.HashLeaf(leaves[index]), Vectors.RootOfSize(size)), $"leaf {index} of {size}");
        }
    }

    [Fact]
    public async Task EveryPublishedConsistencyProofIsGeneratedExactlyAndVerifies()
    {
        var prover = new MerkleProver(Vectors.ReferenceTree());
        foreach (var vector in Vectors.Json.GetProperty("consistency").EnumerateArray())
        {
            var size1 = vector.GetProperty("size1").GetUInt64();
            var size2 = vector.GetProperty("size2").GetUInt64();
            var expected = Vectors.Hashes(vector.GetProperty("path"));

            var proof = await prover.ConsistencyProofAsync(size1, size2);

            Assert.Equal(expected, proof.Path);
            Assert.True(proof.Verify(Vectors.RootOfSize(size1), Vectors.RootOfSize(size2)), $"{size1} -> {size2}");
        }
    }

    [Fact]
    public void EveryCorruptionOfAPublishedInclusionProofFails()
    {
        // The probes of transparency-dev/merkle's corruptInclusionProof, minus the
        // ones that need malformed (non-32-byte) hashes, which MerkleHash cannot hold.
        var leaves = Vectors.Leaves;
        var someHash = MerkleHash.FromHex("abacaba000000000000000000000000000000000000000000060061e00123456");
        foreach (var vector in Vectors.Json.GetProperty("inclusion").EnumerateArray())
        {
            var index = vector.GetProperty("leaf_index").GetUInt64();
            var size = vector.GetProperty("tree_size").GetUInt64();
            var path = Vectors.Hashes(vector.GetProperty("path"));
            var root = Vectors.RootOfSize(size);
            var leaf = Rfc6962.HashLeaf(leaves[index]);

            var probes = new List<(string Name, ulong Index, ulong Size, MerkleHash Leaf, MerkleHash[] Path, MerkleHash Root)>
            {
                ("index - 1", index - 1, size, leaf, path, root),
                ("index + 1", index + 1, size, leaf, path, root),
                ("index ^ 2", index ^ 2, size, leaf, path, root),
                ("size * 2", index, size * 2, leaf, path, root),
                ("size / 2", index, size / 2, leaf, path, root),
                ("wrong leaf", index, size, Rfc6962.HashLeaf("WrongLeaf"u8), path, root),
                ("empty root", index, size, leaf, path, Rfc6962.EmptyRoot),
                ("random root", index, size, leaf, path, someHash),
                ("trailing root", index, size, leaf, [.. path, root], root),
                ("preceding root", index, size, leaf, [root, .. path], root),
            };
            for (var i = 0; i < path.Length; i++)
            {
                probes.Add(($"modified proof[{i}]", index, size, leaf, WithFlippedBit(path, i, 8), root));
            }
            if (path.Length > 0)
            {
                probes.Add(("removed component", index, size, leaf, path[..^1], root));
            }
            if (path.Length > 1)
            {
                probes.Add(("inserted component", index, size, leaf, [path[0], someHash, .. path[1..]], root));
            }

            var accepted = probes.Where(p => MerkleVerifier.VerifyInclusion(p.Index, p.Size, p.Leaf, p.Path, p.Root)).Select(p => p.Name);
            Assert.Empty(accepted);
        }
    }

    [Fact]
    public void EveryCorruptionOfAPublishedConsistencyProofFails()
    {
        foreach (var vector in Vectors.Json.GetProperty("consistency").EnumerateArray())
        {
            var size1 = vector.GetProperty("size1").GetUInt64();
            var size2 = vector.GetProperty("size2").GetUInt64();
            var path = Vectors.Hashes(vector.GetProperty("path"));
            if (path.Length == 0)
            {
                continue; // As upstream: only non-trivial proofs are corrupted.
            }
            var root1 = Vectors.RootOfSize(size1);
            var root2 = Vectors.RootOfSize(size2);
            var wrong = Rfc6962.HashLeaf("WrongRoot"u8);

            var probes = new List<(string Name, ulong Size1, ulong Size2, MerkleHash Root1, MerkleHash Root2, MerkleHash[] Path)>
            {
                ("size1 - 1", size1 - 1, size2, root1, root2, path),
                ("size1 + 1", size1 + 1, size2, root1, root2, path),
                ("size1 ^ 2", size1 ^ 2, size2, root1, root2, path),
                ("size2 * 2", size1, size2 * 2, root1, root2, path),
                ("size2 / 2", size1, size2 / 2, root1, root2, path),
                ("wrong root1", size1, size2, wrong, root2, path),
                ("wrong root2", size1, size2, root1, wrong, path),
                ("swapped roots", size1, size2, root2, root1, path),
                ("empty proof", size1, size2, root1, root2, []),
                ("trailing root1", size1, size2, root1, root2, [.. path, root1]),
                ("trailing root2", size1, size2, root1, root2, [.. path, root2]),
                ("preceding root1", size1, size2, root1, root2, [root1, .. path]),
                ("preceding root2", size1, size2, root1, root2, [root2, .. path]),
                ("preceding proof[0]", size1, size2, root1, root2, [path[0], .. path]),
                ("truncated proof", size1, size2, root1, root2, path[..^1]),
            };
            for (var i = 0; i < path.Length; i++)
            {
                probes.Add(($"modified proof[{i}]", size1, size2, root1, root2, WithFlippedBit(path, i, 16)));
            }

            var accepted = probes.Where(p => MerkleVerifier.VerifyConsistency(p.Size1, p.Size2, p.Path, p.Root1, p.Root2)).Select(p => p.Name);
            Assert.Empty(accepted);
        }
    }

    internal static MerkleHash[] WithFlippedBit(MerkleHash[] path, int element, byte mask)
    {
        var copy = path.ToArray();
        var bytes = copy[element].ToArray();
        bytes[0] ^= mask;
        copy[element] = MerkleHash.FromBytes(bytes);
        return copy;
    }
}
