using System.Security.Cryptography;
using Liaison.Crypto.Internal;
using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Suites;

/// <summary>Ed25519, X25519 + ML-KEM-768 with HKDF-SHA-256, AES-256-GCM, SHA-256.</summary>
internal sealed class InternationalSuite : CipherSuite
{
    public static readonly InternationalSuite Instance = new();

    private const int MlKemCiphertextLength = 1088;
    private const int AesKeyLength = 32;

    public override Suite Id => Suite.InternationalV1;

    public override KeyAlgorithm SigningAlgorithm => KeyAlgorithm.Ed25519;

    public override KeyAlgorithm EncryptionAlgorithm => KeyAlgorithm.X25519MlKem768;

    public override int EncapsulationLength => KeyCodec.X25519Length + MlKemCiphertextLength;

    public override byte[] Digest(ReadOnlySpan<byte> data) => Digests.Sha256(data);

    public override byte[] Sign(PrivateKeyMaterial key, string signerNode, byte[] toBeSigned, SecureRandom random)
    {
        // RFC 8032 signatures are deterministic: libsodium gives the same bytes BouncyCastle did.
        return NSec.Cryptography.SignatureAlgorithm.Ed25519.Sign((NSec.Cryptography.Key)key.Parsed, toBeSigned);
    }

    public override bool Verify(PublicKeyMaterial key, string signerNode, byte[] toBeSigned, byte[] signature)
    {
        if (signature.Length != Ed25519PrivateKeyParameters.SignatureSize)
        {
            return false;
        }

        return NSec.Cryptography.SignatureAlgorithm.Ed25519.Verify((NSec.Cryptography.PublicKey)key.Parsed, toBeSigned, signature);
    }

    public override SessionKeys Encapsulate(PublicKeyMaterial recipient, SecureRandom random)
    {
        var recipientKey = (HybridPublicKey)recipient.Parsed;
        var ephemeral = new X25519PrivateKeyParameters(random);
        var ephemeralPublic = ephemeral.GeneratePublicKey().GetEncoded();
        var x25519Secret = new byte[32];
        var agreement = new X25519Agreement();
        agreement.Init(ephemeral);
        agreement.CalculateAgreement(recipientKey.X25519, x25519Secret, 0);

        var encapsulator = new MLKemEncapsulator(MLKemParameters.ml_kem_768);
        encapsulator.Init(new ParametersWithRandom(recipientKey.MlKem, random));
        var kemCiphertext = new byte[MlKemCiphertextLength];
        var kemSecret = new byte[32];
        encapsulator.Encapsulate(kemCiphertext, kemSecret);

        var encapsulation = new byte[EncapsulationLength];
        ephemeralPublic.CopyTo(encapsulation, 0);
        kemCiphertext.CopyTo(encapsulation, KeyCodec.X25519Length);
        return new SessionKeys(encapsulation, Combine(kemSecret, x25519Secret, encapsulation, recipientKey));
    }

    public override byte[]? Decapsulate(PrivateKeyMaterial recipient, byte[] encapsulation)
    {
        if (encapsulation.Length != EncapsulationLength)
        {
            return null;
        }

        var key = (HybridPrivateKey)recipient.Parsed;
        var x25519Secret = new byte[32];
        try
        {
            var agreement = new X25519Agreement();
            agreement.Init(key.X25519);
            agreement.CalculateAgreement(new X25519PublicKeyParameters(encapsulation, 0), x25519Secret, 0);
        }
        catch (InvalidOperationException)
        {
            // A low-order ephemeral point gives an all-zero secret, which BouncyCastle refuses.
            return null;
        }

        // ML-KEM uses implicit rejection: a forged ciphertext yields a pseudo-random
        // secret, and the AEAD tag check then fails.
        var decapsulator = new MLKemDecapsulator(MLKemParameters.ml_kem_768);
        decapsulator.Init(key.MlKem);
        var kemSecret = new byte[32];
        decapsulator.Decapsulate(encapsulation.AsSpan(KeyCodec.X25519Length), kemSecret);
        return Combine(kemSecret, x25519Secret, encapsulation, key.PublicKey);
    }

    public override ContentKey DeriveContentKey(byte[] sessionSecret, ReadOnlySpan<byte> envelopeId) =>
        ContentKey.Split(Hkdf.Sha256(sessionSecret, Labels.ContentKeySalt, envelopeId, AesKeyLength + ContentKey.NonceLength), AesKeyLength);

    public override byte[] Encrypt(ContentKey key, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[plaintext.Length + ContentKey.TagLength];
        using var aes = new AesGcm(key.Key, ContentKey.TagLength);
        aes.Encrypt(key.Nonce, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), associatedData);
        return output;
    }

    public override byte[]? Decrypt(ContentKey key, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length < ContentKey.TagLength)
        {
            return null;
        }

        var length = ciphertext.Length - ContentKey.TagLength;
        var output = new byte[length];
        using var aes = new AesGcm(key.Key, ContentKey.TagLength);
        try
        {
            aes.Decrypt(key.Nonce, ciphertext[..length], ciphertext[length..], output, associatedData);
            return output;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    /// <summary>
    /// session secret = HKDF-SHA-256(salt = hybrid label, ikm = ss_mlkem || ss_x25519,
    /// info = ephemeral X25519 public || recipient X25519 public || ML-KEM ciphertext || SHA-256(recipient ML-KEM key)).
    /// Both secrets and both transcripts enter, so the result is secure if either primitive is.
    /// </summary>
    private static byte[] Combine(byte[] kemSecret, byte[] x25519Secret, byte[] encapsulation, HybridPublicKey recipient)
    {
        Span<byte> ikm = stackalloc byte[64];
        kemSecret.CopyTo(ikm);
        x25519Secret.CopyTo(ikm[32..]);
        var info = new byte[KeyCodec.X25519Length * 2 + MlKemCiphertextLength + 32];
        encapsulation.AsSpan(0, KeyCodec.X25519Length).CopyTo(info);
        recipient.X25519Encoded.CopyTo(info, KeyCodec.X25519Length);
        encapsulation.AsSpan(KeyCodec.X25519Length).CopyTo(info.AsSpan(KeyCodec.X25519Length * 2));
        recipient.MlKemDigest.CopyTo(info, KeyCodec.X25519Length * 2 + MlKemCiphertextLength);
        var secret = Hkdf.Sha256(ikm, Labels.HybridSessionSalt, info, 32);
        CryptographicOperations.ZeroMemory(ikm);
        return secret;
    }
}
