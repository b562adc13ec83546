using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace Liaison.Crypto.Internal;

/// <summary>The two digests of the format. Both produce 32 bytes.</summary>
internal static class Digests
{
    public const int Length = 32;

    // .NET's SHA-256 is about 12x faster than BouncyCastle's on this machine kind.
    public static byte[] Sha256(ReadOnlySpan<byte> data) => SHA256.HashData(data);

    public static byte[] Sm3(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data);
        var output = new byte[Length];
        digest.DoFinal(output);
        return output;
    }
}
