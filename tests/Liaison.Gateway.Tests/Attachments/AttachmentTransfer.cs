using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Liaison.Gateway.V1;

namespace Liaison.Gateway.Tests.Attachments;

/// <summary>What an officer's tool does with the attachment API: upload a file in pieces, download one while hashing it.</summary>
public static class AttachmentTransfer
{
    public const int PieceBytes = 256 * 1024;

    /// <summary>Random bytes (not personal data), the same for the same seed.</summary>
    public static byte[] RandomFile(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static AttachmentMetadata Metadata(string requestId, string recipient, ReadOnlySpan<byte> file) => new()
    {
        RequestId = requestId,
        RecipientNode = recipient,
        CaseReference = "LC-2026-0042",
        CorrelationId = "verification-" + requestId,
        MediaType = "image/jpeg",
        SizeBytes = (ulong)file.Length,
        Sha256 = ByteString.CopyFrom(SHA256.HashData(file)),
    };

    /// <summary>
    /// The most an upload or a download may take: a call that stalls fails DEADLINE_EXCEEDED rather
    /// than hold the broker link (and every test waiting for it) for ever.
    /// </summary>
    public static readonly TimeSpan CallDeadline = TimeSpan.FromMinutes(2);

    /// <summary>Sends the metadata, then <paramref name="file"/> in pieces of <see cref="PieceBytes"/>.</summary>
    public static async Task<Attachment> UploadAsync(LiaisonAttachmentService.LiaisonAttachmentServiceClient client, AttachmentMetadata metadata, ReadOnlyMemory<byte> file)
    {
        using var call = client.UploadAttachment(deadline: DateTime.UtcNow.Add(CallDeadline));
        try
        {
            await call.RequestStream.WriteAsync(new UploadAttachmentRequest { Metadata = metadata });
            for (var offset = 0; offset < file.Length; offset += PieceBytes)
            {
                var piece = file.Slice(offset, Math.Min(PieceBytes, file.Length - offset));
                await call.RequestStream.WriteAsync(new UploadAttachmentRequest { Data = ByteString.CopyFrom(piece.Span) });
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // As a careful client does: a refusal on the metadata can end the call while pieces are
            // still being written, and the write fails as CANCELLED; the response holds the refusal.
            await call.ResponseAsync;
            throw;
        }

        return (await call.ResponseAsync).Attachment;
    }

    /// <summary>Downloads an attachment, keeping only its length and SHA-256.</summary>
    public static async Task<(Attachment Attachment, long Length, byte[] Sha256)> DownloadAsync(LiaisonAttachmentService.LiaisonAttachmentServiceClient client, string name)
    {
        using var call = client.DownloadAttachment(new DownloadAttachmentRequest { Name = name }, deadline: DateTime.UtcNow.Add(CallDeadline));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Attachment? attachment = null;
        long length = 0;
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            attachment ??= response.Attachment;
            hash.AppendData(response.Data.Span);
            length += response.Data.Length;
        }

        return (attachment ?? throw new InvalidOperationException("The download stream was empty."), length, hash.GetHashAndReset());
    }
}
