using Liaison.Crypto.Agreements;
using Liaison.Workflows;

namespace Liaison.Gateway.Workflows;

/// <summary>
/// Verifies workflow signatures (criteria endorsements, handover records) with the node keys
/// of the agreement in force, as valid at the time the step was recorded. Thread-safe.
/// </summary>
public sealed class AgreementSignatureVerifier(AgreementInForce agreement, DateTimeOffset at) : ISignatureVerifier
{
    public bool Verify(string signerNode, string keyId, string algorithm, ReadOnlySpan<byte> signedBytes, ReadOnlySpan<byte> signature) =>
        NodeStatements.Verify(agreement, signerNode, keyId, algorithm, signedBytes, signature, at);
}
