using System.Buffers.Binary;
using System.Buffers.Text;

namespace Liaison.Gateway.Grpc.Internal;

/// <summary>ListCheckpoints page tokens: base64url of a tag byte and the smallest tree size shown. Opaque to clients (AIP-158).</summary>
internal static class AuditPageTokens
{
    private const byte Tag = 0xC1;
    private const int Length = 9;

    public static string Encode(long treeSize)
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Tag;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], treeSize);
        return Base64Url.EncodeToString(bytes);
    }

    /// <exception cref="Storage.InvalidPageTokenException">Not a token this API issued.</exception>
    public static long Decode(string token)
    {
        Span<byte> bytes = stackalloc byte[Length + 3];
        if (!Base64Url.IsValid(token) || Base64Url.GetMaxDecodedLength(token.Length) > bytes.Length
            || Base64Url.DecodeFromChars(token, bytes) != Length || bytes[0] != Tag)
        {
            throw new Storage.InvalidPageTokenException();
        }

        var size = BinaryPrimitives.ReadInt64BigEndian(bytes[1..Length]);
        return size > 0 ? size : throw new Storage.InvalidPageTokenException();
    }
}
