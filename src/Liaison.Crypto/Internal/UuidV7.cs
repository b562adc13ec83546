using System.Buffers.Binary;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Internal;

/// <summary>
/// RFC 9562 UUIDv7 in its 16-byte big-endian form. Built here rather than with
/// <see cref="Guid.CreateVersion7(DateTimeOffset)"/> so that the random bits come
/// from the caller's <see cref="SecureRandom"/>, which makes test vectors reproducible.
/// </summary>
internal static class UuidV7
{
    public const int Length = 16;

    public static byte[] Create(DateTimeOffset time, SecureRandom random)
    {
        var bytes = new byte[Length];
        random.NextBytes(bytes, 6, 10);
        var millis = (ulong)time.ToUnixTimeMilliseconds();
        Span<byte> stamp = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(stamp, millis << 16);
        stamp[..6].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return bytes;
    }

    public static bool IsValid(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Length && (bytes[6] & 0xF0) == 0x70 && (bytes[8] & 0xC0) == 0x80;

    public static Guid ToGuid(ReadOnlySpan<byte> bytes) => new(bytes, bigEndian: true);
}
