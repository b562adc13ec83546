using Liaison.Agreement.V1;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Internal;
using Liaison.Crypto.Keys;
using Liaison.Crypto.Suites;
using Liaison.Crypto.V1;
using Liaison.Envelope.V1;

namespace Liaison.Crypto.Envelopes;

/// <summary>
/// Checks shared by envelopes and receipts: is the signer's key in the agreement,
/// valid and unrevoked, and do the signatures verify.
/// </summary>
internal static class SignerChecks
{
    public static RejectionCheck CheckKey(AgreementInForce agreement, string node, ReadOnlySpan<byte> keyId, DateTimeOffset at, out AgreementKey? key)
    {
        key = null;
        if (!agreement.IsParty(node))
        {
            return new(RejectionReason.UnknownSender, $"'{node}' is not a party to agreement version {agreement.Version}.");
        }

        key = agreement.FindNodeKey(node, keyId);
        var id = KeyIds.ToHex(keyId);
        if (key is null)
        {
            return new(RejectionReason.UnknownSenderKey, $"Key {id} is not a key of '{node}' in agreement version {agreement.Version}.");
        }

        if (key.Revoked)
        {
            return new(RejectionReason.SenderKeyRevoked, $"Key {id} of '{node}' has been revoked.");
        }

        return key.NotBefore <= at && at < key.NotAfter
            ? RejectionCheck.Ok
            : new(RejectionReason.SenderKeyNotValid, $"Key {id} of '{node}' is valid from {TimeText.Format(key.NotBefore)} to {TimeText.Format(key.NotAfter)}, not at {TimeText.Format(at)}.");
    }

    /// <summary>The declared signature algorithms must be the suite's, optionally followed by ML-DSA-65, one signature each.</summary>
    public static RejectionCheck CheckShape(CipherSuite suite, IList<KeyAlgorithm> declared, IList<Signature> signatures)
    {
        var shapeOk = declared.Count is 1 or 2
            && declared[0] == suite.SigningAlgorithm
            && (declared.Count == 1 || declared[1] == KeyAlgorithm.MlDsa65)
            && signatures.Count == declared.Count
            && signatures.Select(s => s.Algorithm).SequenceEqual(declared);
        return shapeOk
            ? RejectionCheck.Ok
            : new(RejectionReason.Malformed, "The signatures do not match the declared signature algorithms of the suite.");
    }

    /// <summary>Checks the co-signature key, when the link requires one or the signer sent one.</summary>
    public static RejectionCheck CheckCoSignatureKey(AgreementInForce agreement, Link link, string node, IList<Signature> signatures, DateTimeOffset at, out AgreementKey? coKey)
    {
        coKey = null;
        if (signatures.Count < 2)
        {
            return link.RequirePostQuantumSignature
                ? new(RejectionReason.CoSignatureRequired, $"The link {link.SenderNode} -> {link.RecipientNode} requires an ML-DSA-65 co-signature.")
                : RejectionCheck.Ok;
        }

        var check = CheckKey(agreement, node, signatures[1].KeyId.Span, at, out coKey);
        if (!check.Failed && coKey!.Algorithm != KeyAlgorithm.MlDsa65)
        {
            return new(RejectionReason.Malformed, "The co-signature key is not an ML-DSA-65 key.");
        }

        return check;
    }

    public static RejectionCheck VerifySignatures(CipherSuite suite, string signerNode, byte[] toBeSigned, IList<Signature> signatures, AgreementKey key, AgreementKey? coKey)
    {
        if (!suite.Verify(key.Material, signerNode, toBeSigned, signatures[0].Value.ToByteArray()))
        {
            return new(RejectionReason.BadSignature, $"The {suite.SigningAlgorithm} signature of '{signerNode}' does not verify.");
        }

        if (coKey is not null && !PostQuantumCoSignature.Verify(coKey.Material, toBeSigned, signatures[1].Value.ToByteArray()))
        {
            return new(RejectionReason.BadCoSignature, $"The ML-DSA-65 co-signature of '{signerNode}' does not verify.");
        }

        return RejectionCheck.Ok;
    }
}
