using Org.BouncyCastle.Crypto.Signers;

namespace Liaison.Workflows.Tests.Support;

/// <summary>
/// A real verifier, as the gateway would build from the agreement: it knows
/// only the listed nodes' public keys and verifies Ed25519 signatures.
/// </summary>
public sealed class AgreementKeyVerifier(params TestNode[] nodes) : ISignatureVerifier
{
    public static AgreementKeyVerifier LaoCaiAndYunnan { get; } = new(TestNode.LaoCai, TestNode.Yunnan);

    public bool Verify(string signerNode, string keyId, string algorithm, ReadOnlySpan<byte> signedBytes, ReadOnlySpan<byte> signature)
    {
        var node = nodes.FirstOrDefault(n => n.NodeId == signerNode && n.KeyId == keyId);
        if (node is null || algorithm != "ed25519")
        {
            return false;
        }
        var verifier = new Ed25519Signer();
        verifier.Init(false, node.PublicKey);
        verifier.BlockUpdate(signedBytes.ToArray(), 0, signedBytes.Length);
        return verifier.VerifySignature(signature.ToArray());
    }
}
