using System.Text;
using Liaison.Crypto.Internal;
using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Suites;

/// <summary>
/// The Chinese national algorithms: SM2 signatures (SM3, distinguishing identifier =
/// the signer's node id in UTF-8), SM2 encryption (C1C3C2) of a random session secret,
/// HKDF-SM3, SM4-GCM and SM3.
/// </summary>
internal sealed class GmSuite : CipherSuite
{
    public static readonly GmSuite Instance = new();

    private const int SessionSeedLength = 32;
    private const int Sm4KeyLength = 16;
    private const int KeptSignersPerThread = 8;

    // See SignerFor.
    [ThreadStatic]
    private static Dictionary<(ECPrivateKeyParameters Key, string SignerNode, SecureRandom Random), SM2Signer>? keptSigners;

    public override Suite Id => Suite.GmV1;

    public override KeyAlgorithm SigningAlgorithm => KeyAlgorithm.Sm2Sign;

    public override KeyAlgorithm EncryptionAlgorithm => KeyAlgorithm.Sm2Encrypt;

    // C1 (uncompressed point, 65) || C3 (SM3, 32) || C2 (32).
    public override int EncapsulationLength => KeyCodec.Sm2PublicLength + 32 + SessionSeedLength;

    public override byte[] Digest(ReadOnlySpan<byte> data) => Digests.Sm3(data);

    public override byte[] Sign(PrivateKeyMaterial key, string signerNode, byte[] toBeSigned, SecureRandom random)
    {
        var signer = SignerFor((ECPrivateKeyParameters)key.Parsed, signerNode, random);
        signer.BlockUpdate(toBeSigned, 0, toBeSigned.Length);
        return signer.GenerateSignature();
    }

    /// <summary>
    /// A signer for this key, identity and source of randomness, ready for data. SM2Signer.Init
    /// works out the signer's public point (a full scalar multiplication) to hash it into Z, which
    /// costs more than the signature; a signer kept from an earlier call is only Reset, which primes
    /// its digest with the same Z again, and draws its nonces from the same source as a fresh one
    /// would. Signers are not thread-safe: each thread keeps its own few.
    /// </summary>
    private static SM2Signer SignerFor(ECPrivateKeyParameters key, string signerNode, SecureRandom random)
    {
        var kept = keptSigners ??= [];
        if (kept.TryGetValue((key, signerNode, random), out var signer))
        {
            signer.Reset();
            return signer;
        }

        if (kept.Count >= KeptSignersPerThread)
        {
            // Only tests make many keys or sources of randomness; a gateway signs with one or two.
            kept.Clear();
        }

        signer = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(key, random), Encoding.UTF8.GetBytes(signerNode)));
        kept.Add((key, signerNode, random), signer);
        return signer;
    }


    public override bool Verify(PublicKeyMaterial key, string signerNode, byte[] toBeSigned, byte[] signature)
    {
        if (signature.Length != 64)
        {
            return false;
        }

        var verifier = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
        verifier.Init(false, new ParametersWithID((ECPublicKeyParameters)key.Parsed, Encoding.UTF8.GetBytes(signerNode)));
        verifier.BlockUpdate(toBeSigned, 0, toBeSigned.Length);
        return verifier.VerifySignature(signature);
    }

    public override SessionKeys Encapsulate(PublicKeyMaterial recipient, SecureRandom random)
    {
        var seed = SecureRandom.GetNextBytes(random, SessionSeedLength);
        var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.Init(true, new ParametersWithRandom((ECPublicKeyParameters)recipient.Parsed, random));
        var encapsulation = engine.ProcessBlock(seed, 0, seed.Length);
        return new SessionKeys(encapsulation, DeriveSessionSecret(seed, encapsulation, recipient.Encoded.Span));
    }

    public override byte[]? Decapsulate(PrivateKeyMaterial recipient, byte[] encapsulation)
    {
        if (encapsulation.Length != EncapsulationLength)
        {
            return null;
        }

        try
        {
            var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
            engine.Init(false, (ECPrivateKeyParameters)recipient.Parsed);
            var seed = engine.ProcessBlock(encapsulation, 0, encapsulation.Length);
            return DeriveSessionSecret(seed, encapsulation, recipient.PublicKey.Encoded.Span);
        }
        catch (Exception ex) when (ex is InvalidCipherTextException or ArgumentException)
        {
            // Not a point on the curve, or C3 does not match.
            return null;
        }
    }

    public override ContentKey DeriveContentKey(byte[] sessionSecret, ReadOnlySpan<byte> envelopeId) =>
        ContentKey.Split(Hkdf.Sm3(sessionSecret, Labels.ContentKeySalt, envelopeId.ToArray(), Sm4KeyLength + ContentKey.NonceLength), Sm4KeyLength);

    public override byte[] Encrypt(ContentKey key, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext)
    {
        var cipher = CreateCipher(true, key, associatedData);
        var output = new byte[cipher.GetOutputSize(plaintext.Length)];
        var written = cipher.ProcessBytes(plaintext, output);
        cipher.DoFinal(output.AsSpan(written));
        return output;
    }

    public override byte[]? Decrypt(ContentKey key, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length < ContentKey.TagLength)
        {
            return null;
        }

        var cipher = CreateCipher(false, key, associatedData);
        var output = new byte[cipher.GetOutputSize(ciphertext.Length)];
        try
        {
            var written = cipher.ProcessBytes(ciphertext, output);
            cipher.DoFinal(output.AsSpan(written));
            return output;
        }
        catch (InvalidCipherTextException)
        {
            return null;
        }
    }

    /// <summary>session secret = HKDF-SM3(salt = GM label, ikm = seed, info = encapsulation || recipient public key).</summary>
    private static byte[] DeriveSessionSecret(byte[] seed, byte[] encapsulation, ReadOnlySpan<byte> recipientPublic)
    {
        var info = new byte[encapsulation.Length + recipientPublic.Length];
        encapsulation.CopyTo(info, 0);
        recipientPublic.CopyTo(info.AsSpan(encapsulation.Length));
        return Hkdf.Sm3(seed, Labels.GmSessionSalt, info, 32);
    }

    private static GcmBlockCipher CreateCipher(bool encrypt, ContentKey key, ReadOnlySpan<byte> associatedData)
    {
        var cipher = new GcmBlockCipher(new SM4Engine());
        cipher.Init(encrypt, new AeadParameters(new KeyParameter(key.Key), ContentKey.TagLength * 8, key.Nonce, associatedData.ToArray()));
        return cipher;
    }
}
