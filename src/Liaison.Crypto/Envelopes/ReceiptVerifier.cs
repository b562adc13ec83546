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
/// envelope's recipient, in the link's suite, over the digest of exactly the bytes sent.
/// Never throws on hostile input. Thread-safe.
/// </summary>
public sealed class ReceiptVerifier(AgreementInForce agreement, string node, TimeProvider time, OpenerOptions? options = null)
{
    private readonly TimeSpan skew = (options ?? new OpenerOptions()).MaxClockSkew;

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

            if (!check.Failed)
            {
                var toBeSigned = ToBeSigned.Build(Labels.ReceiptSignature, signed.Receipt.Span);
                check = SignerChecks.VerifySignatures(suite, body.ReceiverNode, toBeSigned, signed.Signatures, key!, coKey);
            }
        }

        return check.Failed ? Fail(check.Reason, check.Detail, body) : new ReceiptCheckResult(RejectionReason.Unspecified, "The receipt is authentic.", body);
    }

    private static ReceiptCheckResult Fail(RejectionReason reason, string detail, Receipt? receipt) => new(reason, detail, receipt);
}
