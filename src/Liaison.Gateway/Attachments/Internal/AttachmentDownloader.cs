using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Liaison.Gateway.Storage;
using Liaison.Gateway.V1;
using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Attachments.Internal;

/// <summary>
/// Streams a received attachment chunk by chunk from the store, hashing as it goes. One chunk
/// is held back until the next is read, and the last until the SHA-256 of the whole matches the
/// manifest: a caller never sees the end of a stream that ended OK with bytes that do not match.
/// At most two chunks are in memory at once, whatever the attachment's size.
/// </summary>
internal sealed class AttachmentDownloader(IGatewayStore store, ILogger logger)
{
    /// <exception cref="AttachmentNotFoundException">Not here.</exception>
    /// <exception cref="AttachmentUnavailableException">Chunks still missing, or sent by this node.</exception>
    /// <exception cref="AttachmentCorruptException">The chunks do not match the manifest; the stream ends without its last piece.</exception>
    public async Task DownloadAsync(string attachmentId, IServerStreamWriter<DownloadAttachmentResponse> responses, CancellationToken cancellationToken)
    {
        var catalog = new AttachmentCatalog(store);
        ReceivedAttachment received;
        try
        {
            received = await catalog.FindReceivedAsync(attachmentId, cancellationToken);
        }
        catch (AttachmentNotFoundException)
        {
            if (await catalog.WasSentHereAsync(attachmentId, cancellationToken))
            {
                throw new AttachmentUnavailableException(attachmentId, AttachmentUnavailableException.SentHere);
            }

            throw;
        }

        if (!received.IsComplete)
        {
            throw new AttachmentUnavailableException(attachmentId, AttachmentUnavailableException.Incomplete);
        }

        var first = new DownloadAttachmentResponse { Attachment = AttachmentCatalog.Describe(received, AttachmentState.Received) };
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ReadOnlyMemory<byte>? pending = null;
        try
        {
            await foreach (var data in AttachmentChunks.ReadAsync(store, received, cancellationToken))
            {
                hash.AppendData(data.Span);
                if (pending is { } ready)
                {
                    await WriteAsync(ready);
                }

                pending = data;
            }

            AttachmentChunks.EnsureDigest(received, hash);
        }
        catch (AttachmentCorruptException)
        {
            AttachmentLog.Corrupt(logger, attachmentId, received.ManifestMessage.PeerNode);
            throw;
        }

        await WriteAsync(pending!.Value);
        AttachmentLog.Downloaded(logger, attachmentId, received.ManifestMessage.PeerNode, received.Manifest.ChunkCount);

        async Task WriteAsync(ReadOnlyMemory<byte> data)
        {
            var response = first ?? new DownloadAttachmentResponse();
            first = null;
            response.Data = UnsafeByteOperations.UnsafeWrap(data);
            await responses.WriteAsync(response, cancellationToken);
        }
    }
}
