using Liaison.Crypto.Agreements;

namespace Liaison.Gateway.Attachments.Internal;

/// <summary>
/// How large each chunk is. 256 KiB keeps the gateway's memory per upload small and each
/// envelope quick to seal, publish and store; a smaller max_message_bytes lowers it, leaving
/// room for the chunk's own framing (attachment id and index) in the payload.
/// </summary>
internal static class AttachmentChunking
{
    public const int PreferredChunkBytes = 256 * 1024;

    /// <summary>The chunk payload's framing around the data: attachment id, index and tags, with room to spare.</summary>
    public const int FramingBytes = 1024;

    /// <summary>Bounds each data message of an upload, so one request never holds a whole file.</summary>
    public const int MaxUploadMessageBytes = 1024 * 1024;

    /// <summary>The chunk size under this agreement, or 0 when max_message_bytes is too small for any useful chunk.</summary>
    public static int ChunkBytes(AgreementInForce agreement)
    {
        var limit = agreement.Document.MaxMessageBytes;
        return limit <= 2 * FramingBytes ? 0 : (int)Math.Min(PreferredChunkBytes, limit - FramingBytes);
    }

    public static uint ChunkCount(ulong sizeBytes, int chunkBytes) => checked((uint)((sizeBytes + (ulong)chunkBytes - 1) / (ulong)chunkBytes));
}
