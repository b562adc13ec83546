using System.Security.Cryptography;
using Liaison.Crypto.Internal;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Liaison.Benchmarks.Primitives;

/// <summary>
/// The ML-DSA-65 co-signature as src/Liaison.Crypto/Suites/PostQuantumCoSignature.cs
/// makes it: hedged (randomised) signing, empty context, keys from a 32-byte seed.
/// </summary>
internal sealed class MlDsaPrimitives
{
    private readonly SecureRandom random;
    private readonly MLDsaPrivateKeyParameters signingKey;
    private readonly MLDsaPublicKeyParameters verifyingKey;
    private readonly byte[] toBeSigned;
    private readonly byte[] signature;

    public MlDsaPrimitives(int headerLength, SecureRandom random)
    {
        this.random = random;
        signingKey = MLDsaPrivateKeyParameters.FromSeed(MLDsaParameters.ml_dsa_65, RandomNumberGenerator.GetBytes(32));
        verifyingKey = MLDsaPublicKeyParameters.FromEncoding(MLDsaParameters.ml_dsa_65, signingKey.GetPublicKeyEncoded());
        toBeSigned = RandomNumberGenerator.GetBytes(Labels.EnvelopeSignature.Length + 5 + headerLength + 32);
        signature = Sign();
    }

    public int SignOnce() => Sign()[0];

    public int Verify()
    {
        var verifier = new MLDsaSigner(MLDsaParameters.ml_dsa_65, deterministic: false);
        verifier.Init(false, verifyingKey);
        verifier.BlockUpdate(toBeSigned, 0, toBeSigned.Length);
        return verifier.VerifySignature(signature) ? 1 : throw new InvalidOperationException("ML-DSA-65 verification failed.");
    }

    private byte[] Sign()
    {
        var signer = new MLDsaSigner(MLDsaParameters.ml_dsa_65, deterministic: false);
        signer.Init(true, new ParametersWithRandom(signingKey, random));
        signer.BlockUpdate(toBeSigned, 0, toBeSigned.Length);
        return signer.GenerateSignature();
    }
}
