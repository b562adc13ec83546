using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.Suites;
using Liaison.Crypto.V1;
using Liaison.Envelope.V1;

namespace Liaison.Crypto.Tests;

/// <summary>
/// Receipts signed in a batch (ENVELOPE-SPEC.md, section 9): one signature over the root of the
/// batch's RFC 6962 tree, and an inclusion proof in each receipt. The tree is checked against the
/// published RFC 6962 vectors; the receipts for what a forger could change.
/// </summary>
public sealed class ReceiptBatchTests
{
    [Fact]
    public void TheBatchTreeGivesThePublishedRootsAndProofs()
    {
        using var vectors = JsonDocument.Parse(File.ReadAllText(Path.Combine(Vectors.VectorTests.RepositoryRoot(), "tests", "vectors", "merkle-rfc6962.json")));
        var leaves = vectors.RootElement.GetProperty("leaves").EnumerateArray().Select(l => ReceiptBatchTree.LeafHash(Convert.FromHexString(l.GetString()!))).ToList();

        foreach (var root in vectors.RootElement.GetProperty("roots").EnumerateArray())
        {
            var size = root.GetProperty("size").GetInt32();
            Assert.Equal(root.GetProperty("root").GetString(), Convert.ToHexStringLower(ReceiptBatchTree.Build(leaves.Take(size).ToList()).Root));
        }

        var checkedProofs = 0;
        foreach (var proof in vectors.RootElement.GetProperty("inclusion").EnumerateArray())
        {
            var (index, size) = (proof.GetProperty("leaf_index").GetInt32(), proof.GetProperty("tree_size").GetInt32());
            var path = proof.GetProperty("path").EnumerateArray().Select(p => p.GetString()!).ToList();
            var (root, paths) = ReceiptBatchTree.Build(leaves.Take(size).ToList());

            Assert.Equal(path, paths[index].Select(Convert.ToHexStringLower));
            Assert.Equal(root, ReceiptBatchTree.RootFromPath((ulong)index, (ulong)size, leaves[index], [.. path.Select(p => (ReadOnlyMemory<byte>)Convert.FromHexString(p))]));
            checkedProofs++;
        }

        Assert.True(checkedProofs >= 5, "the vector file has its inclusion proofs");
    }

    [Fact]
    public void EveryProofOfEveryBatchSizeLeadsToItsRootAndNoOtherPositionDoes()
    {
        for (var size = 1; size <= 17; size++)
        {
            var leaves = Enumerable.Range(0, size).Select(i => ReceiptBatchTree.LeafHash([(byte)i, (byte)size])).ToList();
            var (root, paths) = ReceiptBatchTree.Build(leaves);
            for (var i = 0; i < size; i++)
            {
                var path = paths[i].Select(p => (ReadOnlyMemory<byte>)p).ToList();
                Assert.Equal(root, ReceiptBatchTree.RootFromPath((ulong)i, (ulong)size, leaves[i], path));
                if (size > 1)
                {
                    Assert.NotEqual(root, ReceiptBatchTree.RootFromPath((ulong)((i + 1) % size), (ulong)size, leaves[i], path) ?? []);
                }

                Assert.Null(ReceiptBatchTree.RootFromPath((ulong)size, (ulong)size, leaves[i], path));
                Assert.Null(ReceiptBatchTree.RootFromPath((ulong)i, (ulong)size, leaves[i], [.. path, root]));
                if (path.Count > 0)
                {
                    Assert.Null(ReceiptBatchTree.RootFromPath((ulong)i, (ulong)size, leaves[i], path.Take(path.Count - 1).ToList()));
                    Assert.Null(ReceiptBatchTree.RootFromPath((ulong)i, (ulong)size, leaves[i], [path[0][..31], .. path.Skip(1)]));
                }
            }
        }
    }

    [Theory]
    [InlineData(Suite.InternationalV1, false)]
    [InlineData(Suite.GmV1, false)]
    [InlineData(Suite.GmV1, true)]
    public void ABatchOfReceiptsSharesOneSignatureAndEachVerifiesOnItsOwn(Suite suite, bool postQuantum)
    {
        var (exchange, sent, receipts) = Batch(suite, postQuantum, 5);
        var parsed = receipts.Select(r => SignedReceipt.Parser.ParseFrom(r)).ToList();

        for (var i = 0; i < receipts.Count; i++)
        {
            // A verifier of its own each time: no receipt is accepted on the strength of another's check.
            var check = new ReceiptVerifier(exchange.Agreement, TestExchange.LaoCai, exchange.Time).Verify(receipts[i], sent[i]);
            Assert.True(check.IsValid, check.Detail);
            Assert.Equal(EnvelopeHeader.Parser.ParseFrom(SealedEnvelope.Parser.ParseFrom(sent[i]).Header).EnvelopeId, check.Receipt!.EnvelopeId);
            Assert.Equal(((ulong)i, 5ul), (parsed[i].Batch.LeafIndex, parsed[i].Batch.BatchSize));
        }

        Assert.Single(parsed.Select(p => string.Join(',', p.Signatures.Select(x => x.Value.ToBase64()))).Distinct());
        Assert.Equal(postQuantum ? 2 : 1, parsed[0].Signatures.Count);
    }

    [Fact]
    public void TheBatchSignatureCoversTheLabelledSizeAndRootAsTheSpecificationWritesThem()
    {
        var (exchange, _, receipts) = Batch(Suite.InternationalV1, false, 3);
        var parsed = receipts.Select(r => SignedReceipt.Parser.ParseFrom(r)).ToList();
        var (root, _) = ReceiptBatchTree.Build([.. parsed.Select(p => ReceiptBatchTree.LeafHash(p.Receipt.Span))]);

        // "liaison-receipt-batch-v1/signature" || 0x00 || u32be(40) || u64be(3) || root, built here by hand.
        var label = Encoding.ASCII.GetBytes("liaison-receipt-batch-v1/signature");
        var toBeSigned = new byte[label.Length + 1 + 4 + 8 + 32];
        label.CopyTo(toBeSigned, 0);
        BinaryPrimitives.WriteUInt32BigEndian(toBeSigned.AsSpan(label.Length + 1), 40);
        BinaryPrimitives.WriteUInt64BigEndian(toBeSigned.AsSpan(label.Length + 5), 3);
        root.CopyTo(toBeSigned, label.Length + 13);
        var key = exchange.Agreement.FindNodeKey(TestExchange.Yunnan, parsed[0].Signatures[0].KeyId.Span)!;

        var suite = CipherSuites.Get(Suite.InternationalV1);
        Assert.True(suite.Verify(key.Material, TestExchange.Yunnan, toBeSigned, parsed[0].Signatures[0].Value.ToByteArray()));
        toBeSigned[^1] ^= 1;
        Assert.False(suite.Verify(key.Material, TestExchange.Yunnan, toBeSigned, parsed[0].Signatures[0].Value.ToByteArray()));
    }

    [Fact]
    public void AReceiptAloneInItsBatchKeepsTheSingleReceiptForm()
    {
        var (exchange, sent, receipts) = Batch(Suite.InternationalV1, false, 1);

        Assert.Null(SignedReceipt.Parser.ParseFrom(receipts[0]).Batch);
        Assert.True(new ReceiptVerifier(exchange.Agreement, TestExchange.LaoCai, exchange.Time).Verify(receipts[0], sent[0]).IsValid);
    }

    [Fact]
    public void AnAlteredReceiptProofOrBatchSizeIsRefusedEvenAfterItsBatchWasVerified()
    {
        var (exchange, sent, receipts) = Batch(Suite.InternationalV1, false, 4);
        var verifier = new ReceiptVerifier(exchange.Agreement, TestExchange.LaoCai, exchange.Time);
        Assert.All(Enumerable.Range(0, 4), i => Assert.True(verifier.Verify(receipts[i], sent[i]).IsValid));

        SignedReceipt Parsed(int i) => SignedReceipt.Parser.ParseFrom(receipts[i]);
        RejectionReason Reason(SignedReceipt forged, int i) => verifier.Verify(forged.ToByteArray(), sent[i]).Reason;

        // The statement changed: a refusal presented as an acceptance.
        var refusal = Parsed(1);
        var body = Receipt.Parser.ParseFrom(refusal.Receipt);
        body.Status = ReceiptStatus.Rejected;
        body.RejectionReason = RejectionReason.Expired;
        refusal.Receipt = body.ToByteString();
        Assert.Equal(RejectionReason.BadSignature, Reason(refusal, 1));

        // Another receipt's proof, or another position.
        var swapped = Parsed(1);
        swapped.Batch = Parsed(2).Batch;
        Assert.Equal(RejectionReason.BadSignature, Reason(swapped, 1));
        var moved = Parsed(1);
        moved.Batch.LeafIndex = 0;
        Assert.Equal(RejectionReason.BadSignature, Reason(moved, 1));

        // A batch said to be larger or smaller than the one signed.
        var grown = Parsed(3);
        grown.Batch.BatchSize = 5;
        Assert.NotEqual(RejectionReason.Unspecified, Reason(grown, 3));
        var single = Parsed(0);
        single.Batch.BatchSize = 1;
        single.Batch.Path.Clear();
        Assert.Equal(RejectionReason.Malformed, Reason(single, 0));

        // A proof one hash short, or with a hash cut.
        var shortened = Parsed(2);
        shortened.Batch.Path.RemoveAt(shortened.Batch.Path.Count - 1);
        Assert.Equal(RejectionReason.Malformed, Reason(shortened, 2));
        var cut = Parsed(2);
        cut.Batch.Path[0] = ByteString.CopyFrom(cut.Batch.Path[0].Span[..31]);
        Assert.Equal(RejectionReason.Malformed, Reason(cut, 2));

        // The batch's signature moved onto a receipt signed alone.
        var unbatched = Parsed(2);
        unbatched.Batch = null;
        Assert.Equal(RejectionReason.BadSignature, Reason(unbatched, 2));
    }

    [Fact]
    public void ABatchedReceiptWithAnyFlippedBitIsRefused()
    {
        var (exchange, sent, receipts) = Batch(Suite.InternationalV1, false, 3);
        var verifier = new ReceiptVerifier(exchange.Agreement, TestExchange.LaoCai, exchange.Time);
        Assert.True(verifier.Verify(receipts[1], sent[1]).IsValid);

        for (var bit = 0; bit < receipts[1].Length * 8; bit++)
        {
            var tampered = (byte[])receipts[1].Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(verifier.Verify(tampered, sent[1]).IsValid, $"bit {bit}");
        }
    }

    /// <summary>Lao Cai seals <paramref name="count"/> envelopes; Yunnan opens them and signs their receipts as one batch.</summary>
    private static (TestExchange Exchange, List<byte[]> Sent, IReadOnlyList<byte[]> Receipts) Batch(Suite suite, bool postQuantum, int count)
    {
        var exchange = TestExchange.Create(suite, postQuantum);
        var sealer = exchange.LaoCaiSealer();
        var opener = exchange.YunnanOpener();
        var sent = Enumerable.Range(0, count).Select(_ => sealer.Seal(TestExchange.Request(100)).Bytes).ToList();
        var requests = sent.Select(bytes => opener.Open(bytes)).Select((opened, i) => new ReceiptRequest(sent[i], opened.Header!, opened.Reason, null)).ToList();
        return (exchange, sent, new ReceiptSigner(exchange.Agreement, exchange.YunnanKeys, exchange.Time).SignBatch(requests));
    }

}
