using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Grpc.Internal;
using Liaison.Gateway.V1;
using Microsoft.Extensions.Logging;
using StoredState = Liaison.Gateway.Storage.MessageState;

namespace Liaison.Gateway.Attachments.Internal;

/// <summary>
/// Turns an upload stream into chunk envelopes and a manifest, each through the
/// <see cref="MessageSubmitter"/> like any message. Holds one chunk's worth of bytes at a
/// time. Chunks are sealed and committed as they fill, in order, each after the previous one
/// committed (so their per-link sequence numbers follow their indexes); the manifest only once
/// the whole upload matches its declared size and SHA-256. One instance serves one call.
/// </summary>
/// <param name="actor">Who uploads (the caller's subject id): the actor of the envelopes' audit entries.</param>
internal sealed class AttachmentUploader(GatewayNode node, MessageSubmitter submitter, ILogger logger, string actor)
{
    private int replays;
    private uint delivered;

    /// <exception cref="InvalidRequestException">The stream does not start with metadata, or a later request carries none or too much data.</exception>
    /// <exception cref="AttachmentRefusedException">Too large, or the bytes are not the ones declared.</exception>
    public async Task<Attachment> UploadAsync(IAsyncStreamReader<UploadAttachmentRequest> requests, CancellationToken cancellationToken)
    {
        if (!await requests.MoveNext(cancellationToken) || requests.Current.ContentCase != UploadAttachmentRequest.ContentOneofCase.Metadata)
        {
            throw InvalidRequestException.For("metadata", "The first request of an upload carries the metadata, and only the first.");
        }

        var upload = AttachmentUploadValidator.Validate(requests.Current.Metadata, node);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[upload.ChunkBytes];
        var filled = 0;
        uint index = 0;
        ulong received = 0;
        try
        {
            while (await requests.MoveNext(cancellationToken))
            {
                var data = Data(requests.Current);
                received += (ulong)data.Length;
                if (received > upload.SizeBytes)
                {
                    throw new AttachmentRefusedException(AttachmentRefusedException.SizeMismatch, "data", "The upload holds more bytes than its metadata declared.");
                }

                hash.AppendData(data.Span);
                while (!data.IsEmpty)
                {
                    var take = Math.Min(data.Length, buffer.Length - filled);
                    data[..take].Span.CopyTo(buffer.AsSpan(filled));
                    data = data[take..];
                    filled += take;
                    if (filled == buffer.Length)
                    {
                        await SubmitChunkAsync(upload, index++, buffer, filled, cancellationToken);
                        filled = 0;
                    }
                }
            }

            if (received != upload.SizeBytes)
            {
                throw new AttachmentRefusedException(AttachmentRefusedException.SizeMismatch, "data", "The upload ended before the size its metadata declared.");
            }

            if (!CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), upload.Sha256.Span))
            {
                throw new AttachmentRefusedException(AttachmentRefusedException.DigestMismatch, "metadata.sha256", "The SHA-256 of the bytes uploaded differs from the one the metadata declared.");
            }
        }
        catch (AttachmentRefusedException refused)
        {
            AttachmentLog.UploadRefused(logger, upload.AttachmentId, upload.RecipientNode, index, refused.Reason);
            throw;
        }

        if (filled > 0)
        {
            await SubmitChunkAsync(upload, index++, buffer, filled, cancellationToken);
        }

        var manifest = await SubmitManifestAsync(upload, cancellationToken);
        AttachmentLog.Uploaded(logger, upload.AttachmentId, upload.RecipientNode, index, replays);
        return new Attachment
        {
            Name = AttachmentIds.Name(upload.AttachmentId),
            AttachmentId = upload.AttachmentId,
            Direction = V1.MessageDirection.Outbound,
            PeerNode = upload.RecipientNode,
            CaseReference = upload.CaseReference,
            State = manifest == StoredState.Delivered && delivered == index ? AttachmentState.Delivered : AttachmentState.Sending,
            ChunkCount = index,
            ChunksDelivered = delivered,
            SizeBytes = upload.SizeBytes,
            Sha256 = ByteString.CopyFrom(upload.Sha256.Span),
            MediaType = upload.MediaType,
            CorrelationId = upload.CorrelationId,
        };
    }

    private static ReadOnlyMemory<byte> Data(UploadAttachmentRequest request)
    {
        if (request.ContentCase != UploadAttachmentRequest.ContentOneofCase.Data || request.Data.IsEmpty)
        {
            throw InvalidRequestException.For("data", "Every request after the first carries the next bytes of the file.");
        }

        if (request.Data.Length > AttachmentChunking.MaxUploadMessageBytes)
        {
            throw InvalidRequestException.For("data", $"Send the file in pieces of at most {AttachmentChunking.MaxUploadMessageBytes} bytes.");
        }

        return request.Data.Memory;
    }

    private async Task SubmitChunkAsync(AttachmentUpload upload, uint index, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        var chunk = new AttachmentChunk { AttachmentId = upload.AttachmentId, Index = index, Data = ByteString.CopyFrom(buffer, 0, length) };
        var state = await SubmitAsync(upload.Envelope(AttachmentIds.ChunkRequestId(upload.AttachmentId, index), AttachmentMessageTypes.Chunk, chunk.ToByteArray()), cancellationToken);
        if (state == StoredState.Delivered)
        {
            delivered++;
        }
    }

    private Task<StoredState> SubmitManifestAsync(AttachmentUpload upload, CancellationToken cancellationToken)
    {
        var manifest = new AttachmentManifest
        {
            AttachmentId = upload.AttachmentId,
            SizeBytes = upload.SizeBytes,
            ChunkCount = upload.ChunkCount,
            Sha256 = ByteString.CopyFrom(upload.Sha256.Span),
            MediaType = upload.MediaType,
            CorrelationId = upload.CorrelationId,
        };
        return SubmitAsync(upload.Envelope(AttachmentIds.ManifestRequestId(upload.AttachmentId), AttachmentMessageTypes.Manifest, manifest.ToByteArray()), cancellationToken);
    }

    /// <summary>Seals and commits one envelope; a retried upload finds the envelopes it already committed (replays).</summary>
    private async Task<StoredState> SubmitAsync(SubmitRequest request, CancellationToken cancellationToken)
    {
        var result = await submitter.SubmitAsync(request with { Actor = actor }, cancellationToken);
        if (result.IsReplay)
        {
            replays++;
        }

        return result.Message.State;
    }
}
