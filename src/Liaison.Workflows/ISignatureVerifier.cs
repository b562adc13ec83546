namespace Liaison.Workflows;

/// <summary>
/// Verifies a signature made with a node's key. The gateway implements it
/// with the node keys listed in the exchange agreement in force, so this
/// project never handles keys. Implementations must return false (not throw)
/// for an unknown node, key or algorithm.
/// </summary>
public interface ISignatureVerifier
{
    /// <summary>True when <paramref name="signature"/> is a valid signature over <paramref name="signedBytes"/> by key <paramref name="keyId"/> of node <paramref name="signerNode"/>.</summary>
    bool Verify(string signerNode, string keyId, string algorithm, ReadOnlySpan<byte> signedBytes, ReadOnlySpan<byte> signature);
}
