using System.Collections.Concurrent;
using Google.Protobuf;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Internal;
using Liaison.Crypto.Suites;
using Liaison.Envelope.V1;

namespace Liaison.Crypto.Envelopes;

/// <summary>The outcome of checking a receipt: the verified receipt, or why it is not one.</summary>
public sealed record ReceiptCheckResult(RejectionReason Reason, string Detail, Receipt? Receipt)
{
    public bool IsValid => Reason == RejectionReason.Unspecified;
}

/// <summary>
/// Checks, on the sending node, a receipt for an envelope it sent: it must come from the
/// envelope's recipient, in the link's suite, over the digest of exactly the bytes sent, signed
/// alone or, with an inclusion proof, in a batch (<see cref="ReceiptSigner.SignBatch"/>).
/// Never throws on hostile input. Thread-safe.
/// </summary>
public sealed class ReceiptVerifier(AgreementInForce agreement, string node, TimeProvider time, OpenerOptions? options = null)
{
    // The receipts of a batch share their signatures: each distinct batch signature is verified
    // once (keyed by the keys, the signatures and the statement they cover), then found here.
    private const int VerifiedBatchesKept = 4096;

    private readonly TimeSpan skew = (options ?? new OpenerOptions()).MaxClockSkew;
    private readonly ConcurrentDictionary<string, bool> verifiedBatches = new(StringComparer.Ordinal);

    /// <param name="receipt">The serialised <see cref="SignedReceipt"/>.</param>
    /// <param name="sentEnvelope">The envelope bytes this node sent.</param>
    public ReceiptCheckResult Verify(ReadOnlySpan<byte> receipt, ReadOnlySpan<byte> sentEnvelope)
    {
        SignedReceipt signed;
        Receipt body;
        EnvelopeHeader sent;
        try
        {
            signed = SignedReceipt.Parser.ParseFrom(receipt);
            body = Receipt.Parser.ParseFrom(signed.Receipt);
            sent = EnvelopeHeader.Parser.ParseFrom(SealedEnvelope.Parser.ParseFrom(sentEnvelope).Header);
        }
        catch (InvalidProtocolBufferException)
        {
            return Fail(RejectionReason.Malformed, "The receipt is not a valid signed receipt.", null);
        }

        var receivedAt = ProtoTime.TryToDateTimeOffset(body.ReceivedAt);
        if (body.FormatVersion != 1 || receivedAt is null || !Enum.IsDefined(body.Status) || body.Status == ReceiptStatus.Unspecified)
        {
            return Fail(RejectionReason.Malformed, "The receipt lacks a version, a time or a status.", body);
        }

        if (body.SenderNode != node || body.ReceiverNode != sent.RecipientNode || body.EnvelopeId != sent.EnvelopeId)
        {
            return Fail(RejectionReason.WrongRecipient, $"The receipt from '{body.ReceiverNode}' is not about an envelope this node sent to it.", body);
        }

        var link = agreement.FindLink(node, body.ReceiverNode);
        var suite = link is null ? null : CipherSuites.Find(link.Suite);
        if (link is null || suite is null || body.Suite != link.Suite)
        {
            return Fail(RejectionReason.SuiteNotAllowed, $"The receipt uses {body.Suite}, not the suite of the link to '{body.ReceiverNode}'.", body);
        }

        if (!body.EnvelopeDigest.Span.SequenceEqual(suite.Digest(sentEnvelope)))
        {
            return Fail(RejectionReason.Malformed, "The receipt's envelope digest does not match the envelope that was sent.", body);
        }

        if (receivedAt > time.GetUtcNow() + skew)
        {
            return Fail(RejectionReason.FutureDated, $"The receipt claims a time of {TimeText.Format(receivedAt.Value)}, beyond the allowed clock skew.", body);
        }

        var check = SignerChecks.CheckShape(suite, signed.Signatures.Select(s => s.Algorithm).ToList(), signed.Signatures);
        if (!check.Failed)
        {
            check = SignerChecks.CheckKey(agreement, body.ReceiverNode, signed.Signatures[0].KeyId.Span, receivedAt.Value, out var key);
            AgreementKey? coKey = null;
            if (!check.Failed)
            {
                check = SignerChecks.CheckCoSignatureKey(agreement, link, body.ReceiverNode, signed.Signatures, receivedAt.Value, out coKey);
            }

            if (!check.Failed && key!.Algorithm != suite.SigningAlgorithm)
            {
                check = new(RejectionReason.SuiteNotAllowed, "The receipt is signed with a key of another suite.");
            }

            if (!check.Failed && signed.Batch is null)
            {
                var toBeSigned = ToBeSigned.Build(Labels.ReceiptSignature, signed.Receipt.Span);
                check = SignerChecks.VerifySignatures(suite, body.ReceiverNode, toBeSigned, signed.Signatures, key!, coKey);
            }
            else if (!check.Failed)
            {
                check = VerifyBatch(signed, suite, body.ReceiverNode, key!, coKey);
            }
        }

        return check.Failed ? Fail(check.Reason, check.Detail, body) : new ReceiptCheckResult(RejectionReason.Unspecified, "The receipt is authentic.", body);
    }

    /// <summary>The batch signature over the root that the receipt's inclusion proof leads to.</summary>
    private RejectionCheck VerifyBatch(SignedReceipt signed, CipherSuite suite, string receiverNode, AgreementKey key, AgreementKey? coKey)
    {
        var proof = signed.Batch;
        var root = proof.BatchSize < 2
            ? null
            : ReceiptBatchTree.RootFromPath(proof.LeafIndex, proof.BatchSize, ReceiptBatchTree.LeafHash(signed.Receipt.Span), proof.Path.Select(p => p.Memory).ToList());
        if (root is null)
        {
            return new(RejectionReason.Malformed, $"The receipt's batch proof cannot place it at index {proof.LeafIndex} of a batch of {proof.BatchSize}.");
        }

        var toBeSigned = ToBeSigned.Build(Labels.ReceiptBatchSignature, ReceiptSigner.BatchStatement(root, proof.BatchSize));
        var cacheKey = string.Join('/', signed.Signatures.Select(s => Convert.ToHexString(s.KeyId.Span) + ":" + Convert.ToHexString(s.Value.Span)))
            + "/" + Convert.ToHexString(toBeSigned.AsSpan(Labels.ReceiptBatchSignature.Length));
        if (verifiedBatches.ContainsKey(cacheKey))
        {
            return RejectionCheck.Ok;
        }

        var check = SignerChecks.VerifySignatures(suite, receiverNode, toBeSigned, signed.Signatures, key, coKey);
        if (!check.Failed)
        {
            if (verifiedBatches.Count >= VerifiedBatchesKept)
            {
                verifiedBatches.Clear();
            }

            verifiedBatches.TryAdd(cacheKey, true);
        }

        return check;
    }

    private static ReceiptCheckResult Fail(RejectionReason reason, string detail, Receipt? receipt) => new(reason, detail, receipt);
}
