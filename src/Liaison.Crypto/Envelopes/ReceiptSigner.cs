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
/// tbs = "liaison-receipt-v1/signature" || 0x00 || u32be(len) || receipt bytes.
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
        var link = agreement.FindLink(header.SenderNode, keys.Owner)
            ?? throw new EnvelopeSealException($"Agreement version {agreement.Version} has no link from '{header.SenderNode}' to '{keys.Owner}' to answer on.");
        var suite = CipherSuites.Get(link.Suite);
        var now = ProtoTime.TruncateToMilliseconds(time.GetUtcNow());
        var receipt = new Receipt
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
        var receiptBytes = receipt.ToByteArray();
        var toBeSigned = ToBeSigned.Build(Labels.ReceiptSignature, receiptBytes);
        var signed = new SignedReceipt { Receipt = UnsafeByteOperations.UnsafeWrap(receiptBytes) };
        var signingKey = OwnKey(suite.SigningAlgorithm, now);
        signed.Signatures.Add(EnvelopeSealer.SignatureOf(signingKey, suite.Sign(signingKey, keys.Owner, toBeSigned, random)));
        if (link.RequirePostQuantumSignature)
        {
            var coKey = OwnKey(KeyAlgorithm.MlDsa65, now);
            signed.Signatures.Add(EnvelopeSealer.SignatureOf(coKey, PostQuantumCoSignature.Sign(coKey, toBeSigned, random)));
        }

        return signed.ToByteArray();
    }

    private PrivateKeyMaterial OwnKey(KeyAlgorithm algorithm, DateTimeOffset now) =>
        agreement.NewestOwnKey(keys, algorithm, now)
        ?? throw new EnvelopeSealException($"This node holds no private {KeyIds.AlgorithmName(algorithm)} key valid now to sign a receipt.");
}
