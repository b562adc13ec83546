using Google.Protobuf;
using Liaison.Agreement.V1;
using Liaison.Crypto.Internal;
using Liaison.Crypto.Keys;
using Liaison.Crypto.Suites;
using Liaison.Crypto.V1;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Agreements;

/// <summary>
/// Authority signatures over an agreement's exact bytes:
/// tbs = "liaison-agreement-v1/signature" || 0x00 || u32be(len) || agreement bytes.
/// </summary>
public static class AgreementSignatures
{
    /// <summary>Adds the party's signature to a signed agreement, keeping its bytes unchanged.</summary>
    public static SignedAgreement AddSignature(SignedAgreement signed, string nodeId, PrivateKeyMaterial authorityKey, SecureRandom random)
    {
        ArgumentNullException.ThrowIfNull(signed);
        ArgumentNullException.ThrowIfNull(authorityKey);
        if (!Identifiers.IsNodeId(nodeId))
        {
            throw new ArgumentException("A node id is lower-case letters, digits and '-'.", nameof(nodeId));
        }

        if (signed.Signatures.Any(s => s.NodeId == nodeId))
        {
            throw new ArgumentException($"'{nodeId}' has already signed this agreement.", nameof(nodeId));
        }

        var tbs = ToBeSigned.Build(Labels.AgreementSignature, signed.Agreement.Span);
        var value = authorityKey.Algorithm switch
        {
            KeyAlgorithm.Ed25519 => InternationalSuite.Instance.Sign(authorityKey, nodeId, tbs, random),
            KeyAlgorithm.Sm2Sign => GmSuite.Instance.Sign(authorityKey, nodeId, tbs, random),
            _ => throw new ArgumentException("Agreements are signed with an Ed25519 or SM2 authority key.", nameof(authorityKey)),
        };
        var result = signed.Clone();
        result.Signatures.Add(new AgreementSignature
        {
            NodeId = nodeId,
            Signature = new Signature { Algorithm = authorityKey.Algorithm, KeyId = ByteString.CopyFrom(authorityKey.KeyId.Span), Value = ByteString.CopyFrom(value) },
        });
        return result;
    }

    internal static bool Verify(AgreementKey key, string nodeId, ReadOnlySpan<byte> agreementBytes, Signature signature)
    {
        var tbs = ToBeSigned.Build(Labels.AgreementSignature, agreementBytes);
        return key.Algorithm switch
        {
            KeyAlgorithm.Ed25519 => InternationalSuite.Instance.Verify(key.Material, nodeId, tbs, signature.Value.ToByteArray()),
            KeyAlgorithm.Sm2Sign => GmSuite.Instance.Verify(key.Material, nodeId, tbs, signature.Value.ToByteArray()),
            _ => false,
        };
    }
}
