using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Liaison.Gateway.Attachments.Internal;
using Liaison.Gateway.Tests.Grpc;
using Liaison.Gateway.V1;
using StoredDirection = Liaison.Gateway.Storage.MessageDirection;

namespace Liaison.Gateway.Tests.Attachments;

/// <summary>
/// The attachment API of one real gateway (TestServer, real GrpcChannel, SQLite, in-memory
/// transport with no partner), whose agreement allows 64 KiB messages: chunks of 63 KiB.
/// </summary>
public sealed class AttachmentApiTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const int ChunkBytes = 63 * 1024;

    private LiaisonAttachmentService.LiaisonAttachmentServiceClient Client => new(fixture.Gateway.Channel);

    [Fact]
    public async Task AnAttachmentDeclaredLargerThanTheLinkAllowsIsRefusedAsTooLargeAndNothingIsSent()
    {
        var metadata = AttachmentTransfer.Metadata("too-large", NodeDirectory.Yunnan, [1, 2, 3]);
        metadata.SizeBytes = (64UL * 1024 * 1024) + 1;

        var error = await Assert.ThrowsAsync<RpcException>(() => AttachmentTransfer.UploadAsync(Client, metadata, new byte[] { 1, 2, 3 }));

        AttachmentAssert.Refused(error, StatusCode.InvalidArgument, AttachmentRefusedException.TooLarge);
        Assert.Equal(["metadata.size_bytes"], RpcAssert.ViolatedFields(error));
        Assert.Contains("67108864 bytes", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(await fixture.Gateway.Store.ListByCorrelationAsync(StoredDirection.Outbound, AttachmentIds.Derive(NodeDirectory.LaoCai, "too-large"), null, 10));
    }

    [Fact]
    public async Task AnUploadWhoseBytesDoNotMatchTheDeclaredDigestIsRefusedAndSendsNoManifest()
    {
        var file = AttachmentTransfer.RandomFile(200_000, seed: 1);
        var metadata = AttachmentTransfer.Metadata("digest-mismatch", NodeDirectory.Yunnan, file);
        file[150_000] ^= 1;

        var error = await Assert.ThrowsAsync<RpcException>(() => AttachmentTransfer.UploadAsync(Client, metadata, file));

        AttachmentAssert.Refused(error, StatusCode.InvalidArgument, AttachmentRefusedException.DigestMismatch);
        var attachmentId = AttachmentIds.Derive(NodeDirectory.LaoCai, "digest-mismatch");
        var sent = await fixture.Gateway.Store.ListByCorrelationAsync(StoredDirection.Outbound, attachmentId, null, 10);
        Assert.Equal(Enumerable.Repeat(AttachmentMessageTypes.Chunk, 3), sent.Select(m => m.MessageType));
        AttachmentAssert.Refused(await Assert.ThrowsAsync<RpcException>(async () => await Client.GetAttachmentAsync(new GetAttachmentRequest { Name = AttachmentIds.Name(attachmentId) })),
            StatusCode.NotFound, "ATTACHMENT_NOT_FOUND");
    }

    [Fact]
    public async Task AnUploadLongerThanDeclaredIsRefusedAsASizeMismatch()
    {
        var file = AttachmentTransfer.RandomFile(10_000, seed: 2);
        var metadata = AttachmentTransfer.Metadata("too-long", NodeDirectory.Yunnan, file.AsSpan(0, 5_000));

        var error = await Assert.ThrowsAsync<RpcException>(() => AttachmentTransfer.UploadAsync(Client, metadata, file));

        AttachmentAssert.Refused(error, StatusCode.InvalidArgument, AttachmentRefusedException.SizeMismatch);
    }

    [Fact]
    public async Task ARetriedUploadReturnsTheSameAttachmentAndSealsNothingNew()
    {
        var file = AttachmentTransfer.RandomFile(150_000, seed: 3);
        var metadata = AttachmentTransfer.Metadata("retried", NodeDirectory.Yunnan, file);

        var first = await AttachmentTransfer.UploadAsync(Client, metadata, file);
        var again = await AttachmentTransfer.UploadAsync(Client, metadata, file);

        Assert.Equal(first, again);
        Assert.Equal((3u, 150_000UL, AttachmentState.Sending, Gateway.V1.MessageDirection.Outbound), (first.ChunkCount, first.SizeBytes, first.State, first.Direction));
        var envelopes = await fixture.Gateway.Store.ListByCorrelationAsync(StoredDirection.Outbound, first.AttachmentId, null, 10);
        Assert.Equal(4, envelopes.Count);

        // Sealed as the uploader, not as the node: the audit says who sent the photo.
        var submitted = (await fixture.Gateway.Store.ReadAuditAsync(1, 10_000)).Where(e => e.EventType == Gateway.Storage.AuditEventType.Submitted && envelopes.Any(m => m.EnvelopeId == e.EnvelopeId)).ToList();
        Assert.Equal(4, submitted.Count);
        Assert.All(submitted, e => Assert.Equal(FaultTests.TestClientAuthority.Supervisor.SubjectId, e.Actor));
        var status = (await Client.GetAttachmentAsync(new GetAttachmentRequest { Name = first.Name })).Attachment;
        Assert.Equal((3u, 0u, AttachmentState.Sending, NodeDirectory.Yunnan), (status.ChunkCount, status.ChunksDelivered, status.State, status.PeerNode));
        AttachmentAssert.Refused(await Assert.ThrowsAsync<RpcException>(() => AttachmentTransfer.DownloadAsync(Client, first.Name)), StatusCode.FailedPrecondition, "PAYLOAD_UNAVAILABLE");
    }

    [Fact]
    public async Task AReceivedAttachmentDownloadsIntactWhenEveryChunkIsHereAndItsDigestMatches()
    {
        var file = AttachmentTransfer.RandomFile(300_000, seed: 4);
        var name = await new ReceivedAttachments(fixture.Gateway).ArriveAsync("intact", file, ChunkBytes);

        var status = (await Client.GetAttachmentAsync(new GetAttachmentRequest { Name = name })).Attachment;
        var (downloaded, length, sha256) = await AttachmentTransfer.DownloadAsync(Client, name);

        Assert.Equal((AttachmentState.Received, 5u, 5u, 300_000UL, NodeDirectory.Yunnan), (status.State, status.ChunkCount, status.ChunksReceived, status.SizeBytes, status.PeerNode));
        Assert.Equal(status, downloaded);
        Assert.Equal(300_000L, length);
        Assert.Equal(SHA256.HashData(file), sha256);
    }

    [Fact]
    public async Task AReceivedAttachmentWhoseBytesDoNotMatchItsManifestIsCorruptAndItsDownloadFailsWithDataLoss()
    {
        var file = AttachmentTransfer.RandomFile(200_000, seed: 5);
        var name = await new ReceivedAttachments(fixture.Gateway).ArriveAsync("corrupt", file, ChunkBytes, declaredSha256: SHA256.HashData(file.AsSpan(1)));

        var status = (await Client.GetAttachmentAsync(new GetAttachmentRequest { Name = name })).Attachment;
        var error = await Assert.ThrowsAsync<RpcException>(() => AttachmentTransfer.DownloadAsync(Client, name));

        Assert.Equal(AttachmentState.Corrupt, status.State);
        AttachmentAssert.Refused(error, StatusCode.DataLoss, "ATTACHMENT_CORRUPT");
    }

    [Fact]
    public async Task AReceivedAttachmentWithAChunkMissingIsStillReceivingAndCannotBeDownloaded()
    {
        var file = AttachmentTransfer.RandomFile(200_000, seed: 6);
        var name = await new ReceivedAttachments(fixture.Gateway).ArriveAsync("missing-chunk", file, ChunkBytes, skip: 1);

        var status = (await Client.GetAttachmentAsync(new GetAttachmentRequest { Name = name })).Attachment;
        var error = await Assert.ThrowsAsync<RpcException>(() => AttachmentTransfer.DownloadAsync(Client, name));

        Assert.Equal((AttachmentState.Receiving, 4u, 3u), (status.State, status.ChunkCount, status.ChunksReceived));
        AttachmentAssert.Refused(error, StatusCode.FailedPrecondition, "ATTACHMENT_INCOMPLETE");
    }

    [Fact]
    public async Task AnUploadThatDoesNotStartWithMetadataIsInvalid()
    {
        using var call = Client.UploadAttachment();
        await call.RequestStream.WriteAsync(new UploadAttachmentRequest { Data = ByteString.CopyFromUtf8("no metadata") });
        await call.RequestStream.CompleteAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        AttachmentAssert.Refused(error, StatusCode.InvalidArgument, "INVALID_REQUEST");
    }
}
