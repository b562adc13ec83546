using Liaison.Audit.Merkle;

namespace Liaison.Audit.Tests;

/// <summary>
/// Every proof of randomly sized logs verifies, and any change makes it fail.
/// Roots are checked against a naive recursive MTH written straight from RFC 9162 §2.1.1.
/// The random generator is seeded, so a failure reproduces.
/// </summary>
public sealed class PropertyTests
{
    private static readonly int[] Sizes = [.. new[] { 1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 300 }
        .Concat(Enumerable.Range(0, 8).Select(i => new Random(17 + i).Next(1, 301)))];

    [Fact]
    public void TheIncrementalRootEqualsTheRecursiveDefinitionForEverySizeUpTo300()
    {
        var leaves = LeafHashes(300);
        var range = new CompactRange();
        for (var n = 1; n <= 300; n++)
        {
            range.Append(leaves[n - 1]);
            Assert.Equal(NaiveRoot(leaves, 0, n), range.Root());
        }
    }

    [Fact]
    public async Task EveryInclusionProofOfRandomSizesVerifiesAndAFlippedByteOrAWrongIndexFails()
    {
        var (store, leaves) = Log(300);
        var prover = new MerkleProver(store);
        var random = new Random(6962);
        foreach (var size in Sizes)
        {
            var root = NaiveRoot(leaves, 0, size);
            for (var index = 0; index < size; index++)
            {
                var proof = await prover.InclusionProofAsync((ulong)index, (ulong)size);
                Assert.True(proof.Verify(leaves[index], root), $"leaf {index} of {size}");

                var wrongIndex = (ulong)((index + 1 + random.Next(size - 1 > 0 ? size - 1 : 1)) % size);
                if (size > 1)
                {
                    Assert.False(MerkleVerifier.VerifyInclusion(wrongIndex, (ulong)size, leaves[index], proof.Path, root), $"leaf {index} of {size} as {wrongIndex}");
                }
                if (proof.Path.Length > 0)
                {
                    var flipped = Flip([.. proof.Path], random);
                    Assert.False(MerkleVerifier.VerifyInclusion((ulong)index, (ulong)size, leaves[index], flipped, root), $"flipped proof of {index} in {size}");
                }
                Assert.False(proof.Verify(leaves[index], Flip([root], random)[0]));
            }
        }
    }

    [Fact]
    public async Task EveryConsistencyProofOfRandomSizesVerifiesAndAFlippedByteOrAWrongSizeFails()
    {
        var (store, leaves) = Log(300);
        var prover = new MerkleProver(store);
        var random = new Random(9162);
        foreach (var size2 in Sizes)
        {
            var root2 = NaiveRoot(leaves, 0, size2);
            for (var size1 = 0; size1 <= size2; size1++)
            {
                var root1 = NaiveRoot(leaves, 0, size1);
                var proof = await prover.ConsistencyProofAsync((ulong)size1, (ulong)size2);
                Assert.True(proof.Verify(root1, root2), $"{size1} -> {size2}");
                if (proof.Path.Length == 0)
                {
                    continue;
                }
                Assert.False(MerkleVerifier.VerifyConsistency((ulong)size1, (ulong)size2, Flip([.. proof.Path], random), root1, root2), $"flipped {size1} -> {size2}");
                Assert.False(MerkleVerifier.VerifyConsistency((ulong)size1 + 1, (ulong)size2, proof.Path, root1, root2), $"{size1}+1 -> {size2}");
                Assert.False(proof.Verify(root1, Flip([root2], random)[0]), $"wrong new root {size1} -> {size2}");
            }
        }
    }

    [Fact]
    public async Task AProofForASizeBeyondTheLogIsAnErrorNotAWrongAnswer()
    {
        var (store, _) = Log(5);
        var prover = new MerkleProver(store);
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await prover.InclusionProofAsync(0, 6));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await prover.InclusionProofAsync(5, 5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await prover.ConsistencyProofAsync(4, 3));
    }

    [Fact]
    public void ALogResumedFromItsFrontierContinuesWithTheSameRoots()
    {
        var leaves = LeafHashes(100);
        var original = new CompactRange();
        foreach (var leaf in leaves[..37])
        {
            original.Append(leaf);
        }
        var resumed = CompactRange.Resume(original.Size, original.Frontier);
        foreach (var leaf in leaves[37..])
        {
            original.Append(leaf);
            resumed.Append(leaf);
            Assert.Equal(original.Root(), resumed.Root());
        }
        Assert.Equal(NaiveRoot(leaves, 0, 100), resumed.Root());
        Assert.Throws<ArgumentException>(() => CompactRange.Resume(36, original.Frontier)); // 36 has two set bits, 100 has three
    }

    [Fact]
    public void EveryCompletedSubtreeIsReportedOnceWithTheHashOfItsLeaves()
    {
        var leaves = LeafHashes(64);
        var reported = new List<(NodeId Id, MerkleHash Hash)>();
        var range = new CompactRange();
        foreach (var leaf in leaves)
        {
            range.Append(leaf, (id, hash) => reported.Add((id, hash)));
        }
        Assert.Equal(127, reported.Count); // 64 + 32 + ... + 1
        Assert.Equal(reported.Count, reported.Select(r => r.Id).Distinct().Count());
        Assert.All(reported, r => Assert.Equal(NaiveRoot(leaves, (int)r.Id.FirstLeaf, (int)(r.Id.FirstLeaf + r.Id.LeafCount)), r.Hash));
    }

    internal static MerkleHash[] LeafHashes(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Rfc6962.HashLeaf(BitConverter.GetBytes(i * 7919)))];

    private static (InMemoryHashStore Store, MerkleHash[] Leaves) Log(int count)
    {
        var store = new InMemoryHashStore();
        for (var i = 0; i < count; i++)
        {
            store.Append(BitConverter.GetBytes(i * 7919));
        }
        return (store, LeafHashes(count));
    }

    // MTH(D[begin:end]) exactly as RFC 9162 §2.1.1 defines it.
    private static MerkleHash NaiveRoot(MerkleHash[] leaves, int begin, int end)
    {
        var n = end - begin;
        if (n == 0)
        {
            return Rfc6962.EmptyRoot;
        }
        if (n == 1)
        {
            return leaves[begin];
        }
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }
        return Rfc6962.HashChildren(NaiveRoot(leaves, begin, begin + k), NaiveRoot(leaves, begin + k, end));
    }

    private static MerkleHash[] Flip(MerkleHash[] path, Random random)
    {
        var element = random.Next(path.Length);
        var bytes = path[element].ToArray();
        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        var copy = path.ToArray();
        copy[element] = MerkleHash.FromBytes(bytes);
        return copy;
    }
}
