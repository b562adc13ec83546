using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Suites;

/// <summary>
/// The algorithms of one suite. Implementations are stateless singletons and
/// thread-safe. Every method that can fail on hostile input returns null or
/// false rather than throwing, so that callers map failures to typed reasons.
/// </summary>
internal abstract class CipherSuite
{
    public abstract Suite Id { get; }

    public abstract KeyAlgorithm SigningAlgorithm { get; }

    public abstract KeyAlgorithm EncryptionAlgorithm { get; }

    public abstract int EncapsulationLength { get; }

    public abstract byte[] Digest(ReadOnlySpan<byte> data);

    /// <param name="signerNode">SM2 uses it as the distinguishing identifier; Ed25519 ignores it.</param>
    public abstract byte[] Sign(PrivateKeyMaterial key, string signerNode, byte[] toBeSigned, SecureRandom random);

    public abstract bool Verify(PublicKeyMaterial key, string signerNode, byte[] toBeSigned, byte[] signature);

    /// <summary>Creates a fresh session secret and its encapsulation to the recipient's static key.</summary>
    public abstract SessionKeys Encapsulate(PublicKeyMaterial recipient, SecureRandom random);

    /// <summary>Recovers the session secret, or null when the encapsulation is unusable.</summary>
    public abstract byte[]? Decapsulate(PrivateKeyMaterial recipient, byte[] encapsulation);

    /// <summary>Derives the per-envelope key and nonce: HKDF(salt = content-key label, ikm = session secret, info = envelope id).</summary>
    public abstract ContentKey DeriveContentKey(byte[] sessionSecret, ReadOnlySpan<byte> envelopeId);

    public abstract byte[] Encrypt(ContentKey key, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext);

    /// <summary>Returns null when the tag does not verify.</summary>
    public abstract byte[]? Decrypt(ContentKey key, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext);
}

/// <summary>A session secret with the encapsulation that carries it to the recipient.</summary>
internal sealed record SessionKeys(byte[] Encapsulation, byte[] Secret);

/// <summary>A single-use AEAD key and its nonce.</summary>
internal sealed record ContentKey(byte[] Key, byte[] Nonce)
{
    public const int NonceLength = 12;
    public const int TagLength = 16;

    public static ContentKey Split(byte[] okm, int keyLength) => new(okm[..keyLength], okm[keyLength..]);
}
