using System.Security.Cryptography;
using System.Text;
using Liaison.Crypto.Internal;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Liaison.Benchmarks.Primitives;

/// <summary>
/// The raw operations of the GM suite, called as src/Liaison.Crypto/Suites/GmSuite.cs
/// calls them (BouncyCastle SM2Signer with SM3 and an id, SM2Engine C1C3C2, HKDF over
/// SM3, SM3Digest), with prepared inputs of the real sizes.
/// </summary>
internal sealed class GmPrimitives
{
    private const int SessionSeedLength = 32;

    private readonly SecureRandom random;
    private readonly ECPrivateKeyParameters signingKey;
    private readonly ECPublicKeyParameters verifyingKey;
    private readonly ECPrivateKeyParameters recipientPrivate;
    private readonly ECPublicKeyParameters recipientPublic;
    private readonly byte[] signerId = Encoding.UTF8.GetBytes(EnvelopeExchange.SenderNode);
    private readonly byte[] toBeSigned;
    private readonly byte[] signature;
    private readonly byte[] seed = RandomNumberGenerator.GetBytes(SessionSeedLength);
    private readonly byte[] encapsulation;
    private readonly byte[] sessionInfo;
    private readonly byte[] sessionSecret = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] envelopeId = RandomNumberGenerator.GetBytes(16);
    private readonly byte[] secretOutput = new byte[32];
    private readonly byte[] contentKeyOutput = new byte[16 + 12];

    public GmPrimitives(int headerLength, SecureRandom random)
    {
        this.random = random;

        // The suite's own domain: sm2p256v1 with BouncyCastle's custom field arithmetic.
        var domain = Liaison.Crypto.Keys.KeyCodec.Sm2Domain;
        (signingKey, verifyingKey) = KeyPair(domain, random);
        (recipientPrivate, recipientPublic) = KeyPair(domain, random);

        toBeSigned = RandomNumberGenerator.GetBytes(Labels.EnvelopeSignature.Length + 5 + headerLength + 32);
        var signer = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(signingKey, random), signerId));
        signer.BlockUpdate(toBeSigned, 0, toBeSigned.Length);
        signature = signer.GenerateSignature();

        var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.Init(true, new ParametersWithRandom(recipientPublic, random));
        encapsulation = engine.ProcessBlock(seed, 0, seed.Length);

        // info = encapsulation || recipient public key (uncompressed point), as GmSuite.DeriveSessionSecret builds it.
        sessionInfo = RandomNumberGenerator.GetBytes(encapsulation.Length + 65);
    }

    public int Sm2Sign()
    {
        var signer = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(signingKey, random), signerId));
        signer.BlockUpdate(toBeSigned, 0, toBeSigned.Length);
        return signer.GenerateSignature()[0];
    }

    public int Sm2Verify()
    {
        var verifier = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
        verifier.Init(false, new ParametersWithID(verifyingKey, signerId));
        verifier.BlockUpdate(toBeSigned, 0, toBeSigned.Length);
        return verifier.VerifySignature(signature) ? 1 : throw new InvalidOperationException("SM2 verification failed.");
    }

    /// <summary>SM2 encryption of the 32-byte session seed to the recipient's key.</summary>
    public int Sm2Encrypt()
    {
        var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.Init(true, new ParametersWithRandom(recipientPublic, random));
        return engine.ProcessBlock(seed, 0, seed.Length)[0];
    }

    public int Sm2Decrypt()
    {
        var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.Init(false, recipientPrivate);
        return engine.ProcessBlock(encapsulation, 0, encapsulation.Length)[0];
    }

    public int HkdfSessionSecret()
    {
        var generator = new HkdfBytesGenerator(new SM3Digest());
        generator.Init(new HkdfParameters(seed, Labels.GmSessionSalt, sessionInfo));
        generator.GenerateBytes(secretOutput, 0, secretOutput.Length);
        return secretOutput[0];
    }

    public int HkdfContentKey()
    {
        var generator = new HkdfBytesGenerator(new SM3Digest());
        generator.Init(new HkdfParameters(sessionSecret, Labels.ContentKeySalt, envelopeId));
        generator.GenerateBytes(contentKeyOutput, 0, contentKeyOutput.Length);
        return contentKeyOutput[0];
    }

    private static (ECPrivateKeyParameters, ECPublicKeyParameters) KeyPair(ECDomainParameters domain, SecureRandom random)
    {
        // As KeyCodec: a private scalar, and the public key decoded from its uncompressed encoding.
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(domain, random));
        var d = ((ECPrivateKeyParameters)generator.GenerateKeyPair().Private).D;
        var encoded = domain.G.Multiply(d).Normalize().GetEncoded(false);
        return (new ECPrivateKeyParameters(new BigInteger(1, d.ToByteArrayUnsigned()), domain), new ECPublicKeyParameters(domain.Curve.DecodePoint(encoded), domain));
    }
}

/// <summary>
/// SM4-GCM (BouncyCastle GcmBlockCipher over SM4Engine) and SM3 over one payload size.
/// The cipher is built and initialised per operation, as the suite does for each content key.
/// </summary>
internal sealed class Sm4GcmPrimitives
{
    private const int TagLength = 16;

    private readonly byte[] key = RandomNumberGenerator.GetBytes(16);
    private readonly byte[] nonce = RandomNumberGenerator.GetBytes(12);
    private readonly byte[] associatedData;
    private readonly byte[] plaintext;
    private readonly byte[] sealedOutput;
    private readonly byte[] sealedInput;
    private readonly byte[] openedOutput;
    private readonly byte[] digest = new byte[32];

    public Sm4GcmPrimitives(int payloadBytes, int associatedDataBytes)
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
        var cipher = CreateCipher(true);
        var written = cipher.ProcessBytes(plaintext, sealedOutput);
        cipher.DoFinal(sealedOutput.AsSpan(written));
        return sealedOutput[0];
    }

    public int Decrypt()
    {
        var cipher = CreateCipher(false);
        var written = cipher.ProcessBytes(sealedInput, openedOutput);
        cipher.DoFinal(openedOutput.AsSpan(written));
        return openedOutput[0];
    }

    public int Sm3OfCiphertext()
    {
        var sm3 = new SM3Digest();
        sm3.BlockUpdate(sealedInput);
        sm3.DoFinal(digest);
        return digest[0];
    }

    private GcmBlockCipher CreateCipher(bool encrypt)
    {
        var cipher = new GcmBlockCipher(new SM4Engine());
        cipher.Init(encrypt, new AeadParameters(new KeyParameter(key), TagLength * 8, nonce, associatedData));
        return cipher;
    }
}
