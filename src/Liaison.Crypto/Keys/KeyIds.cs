using System.Text;
using Liaison.Crypto.Internal;
using Liaison.Crypto.V1;

namespace Liaison.Crypto.Keys;

/// <summary>
/// Key ids are derived from the public key, so nobody can claim an id for a key
/// they do not hold: id = first 16 bytes of D(ascii(algorithm name) || 0x00 || public key),
/// with D = SM3 for SM2 keys and SHA-256 for all others.
/// </summary>
public static class KeyIds
{
    public const int Length = 16;

    public static byte[] Derive(KeyAlgorithm algorithm, ReadOnlySpan<byte> publicKey)
    {
        var name = Encoding.ASCII.GetBytes(AlgorithmName(algorithm));
        var input = new byte[name.Length + 1 + publicKey.Length];
        name.CopyTo(input, 0);
        publicKey.CopyTo(input.AsSpan(name.Length + 1));
        var digest = algorithm is KeyAlgorithm.Sm2Sign or KeyAlgorithm.Sm2Encrypt ? Digests.Sm3(input) : Digests.Sha256(input);
        return digest[..Length];
    }

    /// <summary>The name used in key-id derivation: the proto enum value name, e.g. "KEY_ALGORITHM_ED25519".</summary>
    public static string AlgorithmName(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Ed25519 => "KEY_ALGORITHM_ED25519",
        KeyAlgorithm.X25519MlKem768 => "KEY_ALGORITHM_X25519_ML_KEM_768",
        KeyAlgorithm.Sm2Sign => "KEY_ALGORITHM_SM2_SIGN",
        KeyAlgorithm.Sm2Encrypt => "KEY_ALGORITHM_SM2_ENCRYPT",
        KeyAlgorithm.MlDsa65 => "KEY_ALGORITHM_ML_DSA_65",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not a key algorithm of this format."),
    };

    public static string ToHex(ReadOnlySpan<byte> keyId) => Convert.ToHexStringLower(keyId);
}
