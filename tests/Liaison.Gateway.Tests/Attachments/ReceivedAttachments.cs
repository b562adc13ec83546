using System.Security.Cryptography;
using Google.Protobuf;
using Liaison.Crypto.Envelopes;
using Liaison.Gateway.Attachments.Internal;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Tests.Grpc;
using Liaison.Gateway.V1;

namespace Liaison.Gateway.Tests.Attachments;

/// <summary>
/// Attachments from Yunnan arriving at the in-process Lao Cai gateway as the envelope consumer
/// records them: chunk and manifest envelopes sealed by Yunnan's real sealer, opened by Lao
/// Cai's opener and stored. Lets a test send what an honest uploader never would.
/// </summary>
public sealed class ReceivedAttachments(GatewayFactory gateway)
{
    private long sequence = 1000;

    /// <summary>Records <paramref name="file"/> cut into chunks of <paramref name="chunkBytes"/> (those at <paramref name="skip"/> left out) and a manifest declaring <paramref name="declaredSha256"/> (default: the true one).</summary>
    /// <returns>The attachment's name.</returns>
    public async Task<string> ArriveAsync(string requestId, byte[] file, int chunkBytes, byte[]? declaredSha256 = null, int? skip = null)
    {
        var attachmentId = AttachmentIds.Derive(NodeDirectory.Yunnan, requestId);
        var count = (file.Length + chunkBytes - 1) / chunkBytes;
        for (var index = 0; index < count; index++)
        {
            if (index == skip)
            {
                continue;
            }

            var data = file.AsSpan(index * chunkBytes, Math.Min(chunkBytes, file.Length - (index * chunkBytes)));
            var chunk = new AttachmentChunk { AttachmentId = attachmentId, Index = (uint)index, Data = ByteString.CopyFrom(data) };
            await RecordAsync(AttachmentMessageTypes.Chunk, attachmentId, chunk.ToByteArray());
        }

        var manifest = new AttachmentManifest
        {
            AttachmentId = attachmentId,
            SizeBytes = (ulong)file.Length,
            ChunkCount = (uint)count,
            Sha256 = ByteString.CopyFrom(declaredSha256 ?? SHA256.HashData(file)),
            MediaType = "application/pdf",
            CorrelationId = "verification-" + requestId,
        };
        await RecordAsync(AttachmentMessageTypes.Manifest, attachmentId, manifest.ToByteArray());
        return AttachmentIds.Name(attachmentId);
    }

    private async Task RecordAsync(string messageType, string attachmentId, byte[] payload)
    {
        var envelope = NodeDirectory.YunnanSealer(TimeProvider.System).Seal(new SealRequest(NodeDirectory.LaoCai, messageType, payload)
        {
            CaseReference = "YN-2026-0107",
            CorrelationId = attachmentId,
            Sequence = (ulong)Interlocked.Increment(ref sequence),
        });
        var opened = gateway.Node.Opener.Open(envelope.Bytes);
        Assert.True(InboundRecord.TryFrom(opened, envelope.Bytes, out var record), $"{opened.Reason}");
        Assert.Equal(Storage.MessageState.Stored, (await gateway.Store.RecordInboundAsync(record, null)).Message.State);
    }
}
