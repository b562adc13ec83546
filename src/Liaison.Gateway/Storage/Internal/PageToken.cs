using System.Buffers.Binary;
using System.Buffers.Text;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// Inbox page tokens: base64url of a version byte and the last arrival number
/// shown. Opaque to clients (AIP-158) and stable: a token means "after this
/// message", whatever arrives later.
/// </summary>
internal static class PageToken
{
    private const byte Version = 1;
    private const int Length = 9;

    public static string Encode(long lastArrival)
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], lastArrival);
        return Base64Url.EncodeToString(bytes);
    }

    /// <returns>The arrival number to continue after; 0 for an empty token.</returns>
    /// <exception cref="InvalidPageTokenException">Not a token this store issued.</exception>
    public static long Decode(string token)
    {
        if (token.Length == 0)
        {
            return 0;
        }

        Span<byte> bytes = stackalloc byte[Length + 3];
        if (!Base64Url.IsValid(token) || Base64Url.GetMaxDecodedLength(token.Length) > bytes.Length
            || Base64Url.DecodeFromChars(token, bytes) != Length || bytes[0] != Version)
        {
            throw new InvalidPageTokenException();
        }

        var last = BinaryPrimitives.ReadInt64BigEndian(bytes[1..Length]);
        return last > 0 ? last : throw new InvalidPageTokenException();
    }
}
