using Liaison.Crypto.Keys;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Suites;

/// <summary>
/// The optional ML-DSA-65 co-signature (FIPS 204, hedged, empty context). It signs the
/// same to-be-signed bytes as the suite's classical signature.
/// </summary>
internal static class PostQuantumCoSignature
{
    public const int SignatureLength = 3309;

    public static byte[] Sign(PrivateKeyMaterial key, byte[] toBeSigned, SecureRandom random)
    {
        var signer = new MLDsaSigner(MLDsaParameters.ml_dsa_65, deterministic: false);
        signer.Init(true, new ParametersWithRandom((MLDsaPrivateKeyParameters)key.Parsed, random));
        signer.BlockUpdate(toBeSigned, 0, toBeSigned.Length);
        return signer.GenerateSignature();
    }

    public static bool Verify(PublicKeyMaterial key, byte[] toBeSigned, byte[] signature)
    {
        if (signature.Length != SignatureLength)
        {
            return false;
        }

        var verifier = new MLDsaSigner(MLDsaParameters.ml_dsa_65, deterministic: false);
        verifier.Init(false, (MLDsaPublicKeyParameters)key.Parsed);
        verifier.BlockUpdate(toBeSigned, 0, toBeSigned.Length);
        return verifier.VerifySignature(signature);
    }
}
