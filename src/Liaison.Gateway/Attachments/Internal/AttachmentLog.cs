using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Attachments.Internal;

/// <summary>The attachment API's log lines: attachment ids, nodes and counts only, never data or media types.</summary>
internal static partial class AttachmentLog
{
    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Attachment {AttachmentId} for {PeerNode} committed as {ChunkCount} chunks and its manifest ({ReplayedEnvelopes} envelopes were replays)")]
    public static partial void Uploaded(ILogger logger, string attachmentId, string peerNode, uint chunkCount, int replayedEnvelopes);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Information, Message = "Attachment {AttachmentId} upload for {PeerNode} refused after {ChunksSent} chunks: {Reason}; no manifest sent")]
    public static partial void UploadRefused(ILogger logger, string attachmentId, string peerNode, uint chunksSent, string reason);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Information, Message = "Attachment {AttachmentId} from {PeerNode} downloaded ({ChunkCount} chunks, digest verified)")]
    public static partial void Downloaded(ILogger logger, string attachmentId, string peerNode, uint chunkCount);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Warning, Message = "Attachment {AttachmentId} from {PeerNode} does not match its manifest")]
    public static partial void Corrupt(ILogger logger, string attachmentId, string peerNode);
}
