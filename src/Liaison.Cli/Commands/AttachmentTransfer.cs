using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Commands;

/// <summary>What the attachment commands and the demo do with LiaisonAttachmentService: upload in pieces, download while hashing.</summary>
internal static class AttachmentTransfer
{
    /// <summary>The size of the pieces the tool streams; the gateway cuts its own chunks.</summary>
    public const int PieceBytes = 64 * 1024;

    public static async Task<Attachment> UploadAsync(LiaisonAttachmentService.LiaisonAttachmentServiceClient client, AttachmentMetadata metadata, Stream file, CancellationToken cancellationToken)
    {
        using var call = client.UploadAttachment(cancellationToken: cancellationToken);
        try
        {
            await call.RequestStream.WriteAsync(new UploadAttachmentRequest { Metadata = metadata }, cancellationToken);
            var buffer = new byte[PieceBytes];
            int read;
            while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await call.RequestStream.WriteAsync(new UploadAttachmentRequest { Data = ByteString.CopyFrom(buffer, 0, read) }, cancellationToken);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            // The gateway may refuse on the metadata and end the call while chunks are still being
            // written; the write then fails as CANCELLED. The response holds the real refusal.
            await call.ResponseAsync;
            throw;
        }

        return (await call.ResponseAsync).Attachment;
    }

    /// <summary>
    /// Streams a received attachment into <paramref name="destination"/>, hashing as it goes; throws
    /// unless the bytes match the SHA-256 and size the attachment states.
    /// </summary>
    public static async Task<(Attachment Attachment, long Length, byte[] Sha256)> DownloadAsync(
        LiaisonAttachmentService.LiaisonAttachmentServiceClient client, string name, Stream destination, CancellationToken cancellationToken)
    {
        using var call = client.DownloadAttachment(new DownloadAttachmentRequest { Name = name }, cancellationToken: cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Attachment? attachment = null;
        long length = 0;
        await foreach (var piece in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            attachment ??= piece.Attachment;
            hash.AppendData(piece.Data.Span);
            await destination.WriteAsync(piece.Data.Memory, cancellationToken);
            length += piece.Data.Length;
        }

        if (attachment is null)
        {
            throw new CliException($"The gateway sent nothing for {name}.");
        }

        var sha256 = hash.GetHashAndReset();
        if (!attachment.Sha256.Span.SequenceEqual(sha256) || (ulong)length != attachment.SizeBytes)
        {
            throw new CliException($"The bytes of {name} do not match its manifest (size or SHA-256); the download is not usable.");
        }

        return (attachment, length, sha256);
    }
}
