using System.Security.Cryptography;
using System.Text;

namespace Liaison.Gateway.Attachments.Internal;

/// <summary>
/// Attachment ids, resource names and the request ids of an attachment's envelopes.
/// The id is derived from the uploading node and the caller's request id, so that a retried
/// upload names the same attachment and the same envelopes (and is recognised by the store's
/// request-id idempotency) without the request id, which is caller-chosen text, ever
/// travelling in clear in a header.
/// </summary>
internal static class AttachmentIds
{
    private const string Prefix = "attachments/";
    private const int IdLength = 32;
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static string Derive(string senderNode, string requestId)
    {
        var input = Encoding.UTF8.GetBytes($"liaison-attachment-id-v1\0{senderNode}\0{requestId}");
        return Convert.ToHexStringLower(SHA256.HashData(input).AsSpan(0, IdLength / 2));
    }

    public static string Name(string attachmentId) => Prefix + attachmentId;

    /// <summary>Request id of chunk <paramref name="index"/>: at most 47 characters, within the 64 a request id may have.</summary>
    public static string ChunkRequestId(string attachmentId, uint index) =>
        $"att.{attachmentId}.{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string ManifestRequestId(string attachmentId) => $"att.{attachmentId}.manifest";

    /// <exception cref="Grpc.Internal.InvalidRequestException">The name is not an attachment name.</exception>
    public static string ParseName(string name, string field)
    {
        if (name.StartsWith(Prefix, StringComparison.Ordinal) && IsId(name.AsSpan(Prefix.Length)))
        {
            return name[Prefix.Length..];
        }

        throw Grpc.Internal.InvalidRequestException.For(field, "An attachment name is \"attachments/\" followed by 32 lower-case hexadecimal digits.");
    }

    public static bool IsId(ReadOnlySpan<char> id) => id.Length == IdLength && !id.ContainsAnyExcept(HexDigits);
}
