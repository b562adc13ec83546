using System.Security.Cryptography;
using Liaison.Crypto.Internal;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Liaison.Benchmarks.Primitives;

/// <summary>
/// The raw operations of the International suite, called the way
/// src/Liaison.Crypto/Suites/InternationalSuite.cs and Keys/KeyCodec.cs call them
/// (same BouncyCastle and .NET classes, same parameter objects, same input sizes),
/// but without the envelope around them. Each method does one operation and returns
/// a byte of its output for the harness's sink. Inputs are prepared once; outputs go
/// to preallocated buffers where the API allows, so that these rows are the floor.
/// </summary>
internal sealed class InternationalPrimitives
{
    private const int X25519Length = 32;
    private const int MlKemCiphertextLength = 1088;
    private const int AesKeyLength = 32;

    private readonly SecureRandom random;
    private readonly Ed25519PrivateKeyParameters signingKey;
    private readonly Ed25519PublicKeyParameters verifyingKey;
    private readonly X25519PrivateKeyParameters ephemeral;
    private readonly X25519PublicKeyParameters recipientX25519;
    private readonly MLKemPublicKeyParameters recipientMlKem;
    private readonly MLKemPrivateKeyParameters recipientMlKemPrivate;
    private readonly byte[] kemCiphertext = new byte[MlKemCiphertextLength];
    private readonly byte[] toBeSigned;
    private readonly byte[] signature;
    private readonly byte[] sessionIkm = RandomBytes(64);
    private readonly byte[] sessionInfo = RandomBytes(X25519Length * 2 + MlKemCiphertextLength + 32);
    private readonly byte[] sessionSecret = RandomBytes(32);
    private readonly byte[] envelopeId = RandomBytes(16);
    private readonly byte[] secretOutput = new byte[32];
    private readonly byte[] contentKeyOutput = new byte[AesKeyLength + 12];
    private readonly byte[] encapsulationOutput = new byte[MlKemCiphertextLength];

    /// <param name="headerLength">The length of a real sealed header: it is the AEAD's associated data and most of what is signed.</param>
    public InternationalPrimitives(int headerLength, SecureRandom random)
    {
        this.random = random;

        // Keys are built as KeyCodec builds them: from encodings, with the public
        // halves parsed from bytes, so that any caching inside the key objects matches.
        signingKey = new Ed25519PrivateKeyParameters(RandomBytes(Ed25519PrivateKeyParameters.KeySize));
        verifyingKey = new Ed25519PublicKeyParameters(signingKey.GeneratePublicKey().GetEncoded());
        var recipientX25519Private = new X25519PrivateKeyParameters(RandomBytes(X25519Length));
        recipientX25519 = new X25519PublicKeyParameters(recipientX25519Private.GeneratePublicKey().GetEncoded());
        ephemeral = new X25519PrivateKeyParameters(random);
        recipientMlKemPrivate = MLKemPrivateKeyParameters.FromSeed(MLKemParameters.ml_kem_768, RandomBytes(64));
        recipientMlKem = MLKemPublicKeyParameters.FromEncoding(MLKemParameters.ml_kem_768, recipientMlKemPrivate.GetPublicKeyEncoded());

        var encapsulator = new MLKemEncapsulator(MLKemParameters.ml_kem_768);
        encapsulator.Init(new ParametersWithRandom(recipientMlKem, random));
        encapsulator.Encapsulate(kemCiphertext, new byte[32]);

        // label || 0x00 || u32be(len) || header || SHA-256(ciphertext), as ToBeSigned.Build lays it out.
        toBeSigned = RandomBytes(Labels.EnvelopeSignature.Length + 5 + headerLength + 32);
        var signer = new Ed25519Signer();
        signer.Init(true, signingKey);
        signer.BlockUpdate(toBeSigned, 0, toBeSigned.Length);
        signature = signer.GenerateSignature();
        HeaderLength = headerLength;
    }

    public int HeaderLength { get; }

    public int Ed25519Sign()
    {
        var signer = new Ed25519Signer();
        signer.Init(true, signingKey);
        signer.BlockUpdate(toBeSigned, 0, toBeSigned.Length);
        return signer.GenerateSignature()[0];
    }

    public int Ed25519Verify()
    {
        var verifier = new Ed25519Signer();
        verifier.Init(false, verifyingKey);
        verifier.BlockUpdate(toBeSigned, 0, toBeSigned.Length);
        return verifier.VerifySignature(signature) ? 1 : throw new InvalidOperationException("Ed25519 verification failed.");
    }

    /// <summary>The sender's ephemeral key pair: a random scalar and its encoded public point.</summary>
    public int X25519EphemeralKeyGeneration()
    {
        var key = new X25519PrivateKeyParameters(random);
        return key.GeneratePublicKey().GetEncoded()[0];
    }

    /// <summary>One Diffie-Hellman; the sender and the receiver each do one.</summary>
    public int X25519Agreement()
    {
        var agreement = new X25519Agreement();
        agreement.Init(ephemeral);
        agreement.CalculateAgreement(recipientX25519, secretOutput, 0);
        return secretOutput[0];
    }

    public int MlKemEncapsulate()
    {
        var encapsulator = new MLKemEncapsulator(MLKemParameters.ml_kem_768);
        encapsulator.Init(new ParametersWithRandom(recipientMlKem, random));
        encapsulator.Encapsulate(encapsulationOutput, secretOutput);
        return secretOutput[0];
    }

    public int MlKemDecapsulate()
    {
        var decapsulator = new MLKemDecapsulator(MLKemParameters.ml_kem_768);
        decapsulator.Init(recipientMlKemPrivate);
        decapsulator.Decapsulate(kemCiphertext, secretOutput);
        return secretOutput[0];
    }

    /// <summary>The hybrid combiner's HKDF: 64 bytes of secrets, a 1184-byte transcript as info, 32 bytes out.</summary>
    public int HkdfSessionSecret()
    {
        HKDF.DeriveKey(HashAlgorithmName.SHA256, sessionIkm, secretOutput, Labels.HybridSessionSalt, sessionInfo);
        return secretOutput[0];
    }

    /// <summary>The per-envelope key and nonce: 32-byte secret, the 16-byte envelope id as info, 44 bytes out.</summary>
    public int HkdfContentKey()
    {
        HKDF.DeriveKey(HashAlgorithmName.SHA256, sessionSecret, contentKeyOutput, Labels.ContentKeySalt, envelopeId);
        return contentKeyOutput[0];
    }

    private static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);
}

/// <summary>
/// AES-256-GCM (.NET <see cref="AesGcm"/>) and SHA-256 over one payload size. The
/// <see cref="AesGcm"/> instance is created per operation, as the suite does, because
/// every envelope has its own content key: the key schedule is part of the real cost.
/// </summary>
internal sealed class AesGcmPrimitives
{
    private const int TagLength = 16;

    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] nonce = RandomNumberGenerator.GetBytes(12);
    private readonly byte[] associatedData;
    private readonly byte[] plaintext;
    private readonly byte[] sealedOutput;
    private readonly byte[] sealedInput;
    private readonly byte[] openedOutput;
    private readonly byte[] digest = new byte[32];

    public AesGcmPrimitives(int payloadBytes, int associatedDataBytes)
    {
        associatedData = RandomNumberGenerator.GetBytes(associatedDataBytes);
        plaintext = RandomNumberGenerator.GetBytes(payloadBytes);
        sealedOutput = new byte[payloadBytes + TagLength];
        sealedInput = new byte[payloadBytes + TagLength];
        openedOutput = new byte[payloadBytes];
        Encrypt();
        sealedOutput.CopyTo(sealedInput, 0);
    }

    public int Encrypt()
    {
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, plaintext, sealedOutput.AsSpan(0, plaintext.Length), sealedOutput.AsSpan(plaintext.Length), associatedData);
        return sealedOutput[0];
    }

    public int Decrypt()
    {
        using var aes = new AesGcm(key, TagLength);
        aes.Decrypt(nonce, sealedInput.AsSpan(0, plaintext.Length), sealedInput.AsSpan(plaintext.Length), openedOutput, associatedData);
        return openedOutput[0];
    }

    /// <summary>SHA-256 of the ciphertext with its tag, which is what both sides digest for the signature.</summary>
    public int Sha256OfCiphertext()
    {
        SHA256.HashData(sealedInput, digest);
        return digest[0];
    }
}
