using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace Liaison.Crypto.Internal;

/// <summary>HKDF (RFC 5869), extract-then-expand, over SHA-256 or SM3.</summary>
internal static class Hkdf
{
    public static byte[] Sha256(ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info, int length)
    {
        var output = new byte[length];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, output, salt, info);
        return output;
    }

    public static byte[] Sm3(byte[] ikm, byte[] salt, byte[] info, int length)
    {
        var generator = new HkdfBytesGenerator(new SM3Digest());
        generator.Init(new HkdfParameters(ikm, salt, info));
        var output = new byte[length];
        generator.GenerateBytes(output, 0, length);
        return output;
    }
}
