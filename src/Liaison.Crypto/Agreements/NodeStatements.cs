using Liaison.Crypto.Keys;
using Liaison.Crypto.Suites;
using Liaison.Crypto.V1;

namespace Liaison.Crypto.Agreements;

/// <summary>
/// Signatures by a node's own agreement key over a statement other than an envelope: a
/// criteria catalogue both sides endorse, a handover record both sides sign. The caller
/// supplies the bytes, already domain-separated (see Liaison.Workflows.WorkflowSigning),
/// so that such a signature can never be replayed as an envelope's or a receipt's.
/// Signed in the suite of the signer's link to the partner, like its envelopes.
/// Thread-safe.
/// </summary>
public static class NodeStatements
{
    /// <summary>A signature with the key that made it.</summary>
    /// <param name="KeyIdHex">The key id in lower-case hex.</param>
    /// <param name="Algorithm">The key algorithm's name, e.g. "KEY_ALGORITHM_ED25519".</param>
    public sealed record Signature(string KeyIdHex, string Algorithm, byte[] Value);

    /// <summary>A node's signing key as the agreement publishes it.</summary>
    /// <param name="PublicKey">The encoded public key (Ed25519: 32 bytes; SM2: 65 bytes, uncompressed).</param>
    public sealed record SigningKey(string Node, Suite Suite, string KeyIdHex, string Algorithm, byte[] PublicKey);

    /// <summary>Signs <paramref name="statement"/> with the newest signing key of the link from the node to <paramref name="peerNode"/>.</summary>
    /// <exception cref="InvalidOperationException">No link to that peer, or no valid signing key for its suite.</exception>
    public static Signature Sign(AgreementInForce agreement, KeyRing keys, string peerNode, byte[] statement, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(keys);
        var link = agreement.FindLink(keys.Owner, peerNode)
            ?? throw new InvalidOperationException($"The agreement has no link from '{keys.Owner}' to '{peerNode}'.");
        return SignIn(agreement, keys, link.Suite, statement, at);
    }

    /// <summary>Signs <paramref name="statement"/> with the node's newest valid signing key of <paramref name="suite"/>.</summary>
    /// <exception cref="InvalidOperationException">The node holds no valid signing key of that suite.</exception>
    public static Signature SignIn(AgreementInForce agreement, KeyRing keys, Suite suite, byte[] statement, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(statement);
        var implementation = CipherSuites.Get(suite);
        var key = agreement.NewestOwnKey(keys, implementation.SigningAlgorithm, at)
            ?? throw new InvalidOperationException($"'{keys.Owner}' holds no {KeyIds.AlgorithmName(implementation.SigningAlgorithm)} key that the agreement lists as valid now.");
        // Deterministic, like RFC 6979: SM2's nonce comes from HMAC(private key, statement), so the
        // same statement always gets the same signature and a retried step stays byte-identical
        // (its request id still matches). Ed25519 is deterministic by itself.
        var seed = System.Security.Cryptography.HMACSHA256.HashData(key.EncodedPrivateKey, statement);
        return new Signature(KeyIds.ToHex(key.KeyId.Span), KeyIds.AlgorithmName(key.Algorithm), implementation.Sign(key, keys.Owner, statement, DeterministicRandom.Create(seed)));
    }

    /// <summary>The node's newest signing key of <paramref name="suite"/> valid at <paramref name="at"/>, or null.</summary>
    public static SigningKey? CurrentSigningKey(AgreementInForce agreement, string node, Suite suite, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var implementation = CipherSuites.Find(suite);
        var key = implementation is null ? null : agreement.CurrentNodeKey(node, implementation.SigningAlgorithm, at);
        return key is null
            ? null
            : new SigningKey(node, suite, KeyIds.ToHex(key.Material.KeyId.Span), KeyIds.AlgorithmName(key.Algorithm), key.Material.Encoded.ToArray());
    }

    /// <summary>
    /// True when <paramref name="signature"/> is a valid signature over <paramref name="statement"/>
    /// by key <paramref name="keyIdHex"/>, which the agreement lists for <paramref name="signerNode"/>
    /// with that algorithm and as valid at <paramref name="at"/>. False, never an exception, otherwise.
    /// </summary>
    public static bool Verify(AgreementInForce agreement, string signerNode, string keyIdHex, string algorithm, ReadOnlySpan<byte> statement, ReadOnlySpan<byte> signature, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        if (signerNode is null || keyIdHex is null || algorithm is null || keyIdHex.Length != 32)
        {
            return false;
        }

        byte[] keyId;
        try
        {
            keyId = Convert.FromHexString(keyIdHex);
        }
        catch (FormatException)
        {
            return false;
        }

        var key = agreement.FindNodeKey(signerNode, keyId);
        if (key is null || !key.IsValidAt(at) || KeyIds.AlgorithmName(key.Algorithm) != algorithm)
        {
            return false;
        }

        var suite = key.Algorithm switch
        {
            KeyAlgorithm.Ed25519 => CipherSuites.Get(Suite.InternationalV1),
            KeyAlgorithm.Sm2Sign => CipherSuites.Get(Suite.GmV1),
            _ => null,
        };
        return suite is not null && suite.Verify(key.Material, signerNode, statement.ToArray(), signature.ToArray());
    }
}
