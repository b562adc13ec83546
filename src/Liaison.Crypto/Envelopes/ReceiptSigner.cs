using Google.Protobuf;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Internal;
using Liaison.Crypto.Keys;
using Liaison.Crypto.Suites;
using Liaison.Crypto.V1;
using Liaison.Envelope.V1;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Envelopes;

/// <summary>
/// Signs receipts for envelopes this node received. A receipt is signed in the
/// suite of the link the envelope came over (never a suite the envelope chose), with
/// the link's co-signature when required:
/// tbs = "liaison-receipt-v1/signature" || 0x00 || u32be(len) || receipt bytes, or, for a batch
/// (<see cref="SignBatch"/>), "liaison-receipt-batch-v1/signature" || 0x00 || u32be(40) || u64be(size) || root.
/// Thread-safe.
/// </summary>
public sealed class ReceiptSigner(AgreementInForce agreement, KeyRing keys, TimeProvider time, SecureRandom? random = null)
{
    private readonly SecureRandom random = random ?? new SecureRandom();

    /// <param name="envelope">The envelope exactly as received.</param>
    /// <param name="header">Its header, from <see cref="EnvelopeOpenResult.Header"/>.</param>
    /// <param name="rejection"><see cref="RejectionReason.Unspecified"/> to accept.</param>
    /// <exception cref="EnvelopeSealException">No link or key lets this node answer the sender.</exception>
    public byte[] Sign(ReadOnlySpan<byte> envelope, EnvelopeHeader header, RejectionReason rejection) =>
        Sign(envelope, header, rejection, receiverLog: null);

    /// <summary>As above, and names where this node's audit log recorded the envelope, with a checkpoint covering it (signed too).</summary>
    /// <param name="receiverLog">This node's audit-log position of the envelope, or null for a receipt without one.</param>
    /// <exception cref="EnvelopeSealException">No link or key lets this node answer the sender.</exception>
    public byte[] Sign(ReadOnlySpan<byte> envelope, EnvelopeHeader header, RejectionReason rejection, LogPosition? receiverLog)
    {
        ArgumentNullException.ThrowIfNull(header);
        var (link, suite) = LinkTo(header);
        var now = ProtoTime.TruncateToMilliseconds(time.GetUtcNow());
        var receiptBytes = Build(envelope, header, rejection, receiverLog, suite, now).ToByteArray();
        var signed = new SignedReceipt { Receipt = UnsafeByteOperations.UnsafeWrap(receiptBytes) };
        signed.Signatures.AddRange(Signatures(link, suite, ToBeSigned.Build(Labels.ReceiptSignature, receiptBytes), now));
        return signed.ToByteArray();
    }

    /// <summary>
    /// Signs several receipts, in order. The receipts to one sender share one signature (with
    /// the link's co-signature when required) over the root of their batch's Merkle tree, and
    /// each carries its inclusion proof (<see cref="ReceiptBatchTree"/>): one signature per batch
    /// rather than per envelope, which matters most on SM2 links. A sender with a single receipt
    /// in the batch gets the single-receipt form of <see cref="Sign(ReadOnlySpan{byte}, EnvelopeHeader, RejectionReason, LogPosition?)"/>.
    /// </summary>
    /// <returns>The serialised <see cref="SignedReceipt"/>s, in the order of <paramref name="requests"/>.</returns>
    /// <exception cref="EnvelopeSealException">No link or key lets this node answer one of the senders.</exception>
    public IReadOnlyList<byte[]> SignBatch(IReadOnlyList<ReceiptRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new byte[requests.Count][];
        foreach (var group in Enumerable.Range(0, requests.Count).GroupBy(i => requests[i].Header.SenderNode, StringComparer.Ordinal))
        {
            var indexes = group.ToList();
            if (indexes.Count == 1)
            {
                var single = requests[indexes[0]];
                results[indexes[0]] = Sign(single.Envelope.Span, single.Header, single.Rejection, single.ReceiverLog);
                continue;
            }

            var (link, suite) = LinkTo(requests[indexes[0]].Header);
            var now = ProtoTime.TruncateToMilliseconds(time.GetUtcNow());
            var receipts = indexes.Select(i => Build(requests[i].Envelope.Span, requests[i].Header, requests[i].Rejection, requests[i].ReceiverLog, suite, now).ToByteArray()).ToList();
            var leaves = receipts.Select(r => ReceiptBatchTree.LeafHash(r)).ToList();
            var size = (ulong)receipts.Count;
            var (root, paths) = ReceiptBatchTree.Build(leaves);
            var signatures = Signatures(link, suite, ToBeSigned.Build(Labels.ReceiptBatchSignature, BatchStatement(root, size)), now);
            for (var k = 0; k < receipts.Count; k++)
            {
                var signed = new SignedReceipt
                {
                    Receipt = UnsafeByteOperations.UnsafeWrap(receipts[k]),
                    Batch = new ReceiptBatchProof { LeafIndex = (ulong)k, BatchSize = size },
                };
                signed.Batch.Path.AddRange(paths[k].Select(h => UnsafeByteOperations.UnsafeWrap(h)));
                signed.Signatures.AddRange(signatures);
                results[indexes[k]] = signed.ToByteArray();
            }
        }

        return results;
    }

    /// <summary>What a batch signature covers, after its label: u64be(batch size) || the batch's Merkle root.</summary>
    internal static byte[] BatchStatement(ReadOnlySpan<byte> root, ulong size)
    {
        var statement = new byte[8 + root.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(statement, size);
        root.CopyTo(statement.AsSpan(8));
        return statement;
    }

    private (Agreement.V1.Link Link, CipherSuite Suite) LinkTo(EnvelopeHeader header)
    {
        var link = agreement.FindLink(header.SenderNode, keys.Owner)
            ?? throw new EnvelopeSealException($"Agreement version {agreement.Version} has no link from '{header.SenderNode}' to '{keys.Owner}' to answer on.");
        return (link, CipherSuites.Get(link.Suite));
    }

    private Receipt Build(ReadOnlySpan<byte> envelope, EnvelopeHeader header, RejectionReason rejection, LogPosition? receiverLog, CipherSuite suite, DateTimeOffset now) => new()
    {
        FormatVersion = 1,
        EnvelopeId = header.EnvelopeId,
        EnvelopeDigest = ByteString.CopyFrom(suite.Digest(envelope)),
        Suite = suite.Id,
        ReceiverNode = keys.Owner,
        SenderNode = header.SenderNode,
        ReceivedAt = ProtoTime.ToTimestamp(now),
        Status = rejection == RejectionReason.Unspecified ? ReceiptStatus.Accepted : ReceiptStatus.Rejected,
        RejectionReason = rejection,
        ReceiverLog = receiverLog,
    };

    /// <summary>This node's signature over <paramref name="toBeSigned"/> in the link's suite, then its co-signature when the link requires one.</summary>
    private List<Signature> Signatures(Agreement.V1.Link link, CipherSuite suite, byte[] toBeSigned, DateTimeOffset now)
    {
        var signingKey = OwnKey(suite.SigningAlgorithm, now);
        var signatures = new List<Signature>(2) { EnvelopeSealer.SignatureOf(signingKey, suite.Sign(signingKey, keys.Owner, toBeSigned, random)) };
        if (link.RequirePostQuantumSignature)
        {
            var coKey = OwnKey(KeyAlgorithm.MlDsa65, now);
            signatures.Add(EnvelopeSealer.SignatureOf(coKey, PostQuantumCoSignature.Sign(coKey, toBeSigned, random)));
        }

        return signatures;
    }

    private PrivateKeyMaterial OwnKey(KeyAlgorithm algorithm, DateTimeOffset now) =>
        agreement.NewestOwnKey(keys, algorithm, now)
        ?? throw new EnvelopeSealException($"This node holds no private {KeyIds.AlgorithmName(algorithm)} key valid now to sign a receipt.");
}

/// <summary>One receipt for <see cref="ReceiptSigner.SignBatch"/>: the envelope exactly as received, its header, the refusal (Unspecified to accept) and this node's log position of it.</summary>
public sealed record ReceiptRequest(ReadOnlyMemory<byte> Envelope, EnvelopeHeader Header, RejectionReason Rejection, LogPosition? ReceiverLog);
