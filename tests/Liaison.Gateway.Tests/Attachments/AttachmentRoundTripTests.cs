using System.Security.Cryptography;
using Grpc.Core;
using Liaison.Gateway.Attachments.Internal;
using Liaison.Gateway.FaultTests;
using Liaison.Gateway.Tests.Grpc;
using Liaison.Gateway.Tests.Messaging;
using Liaison.Gateway.V1;
using Liaison.Testing;
using Xunit.Abstractions;

namespace Liaison.Gateway.Tests.Attachments;

/// <summary>
/// Attachments between two real gateway processes over the two real, shovel-linked brokers:
/// uploaded through Lao Cai's gRPC API, delivered to Yunnan, downloaded there.
/// </summary>
[Collection(LinkedBrokerTests.Name)]
public sealed class AttachmentRoundTripTests(ITestOutputHelper output)
{
    private const int TwentyMegabytes = 20 * 1000 * 1000;
    private const int SixtyMegabytes = 60 * 1000 * 1000;

    [Fact]
    public async Task TwentyAndSixtyMegabyteAttachmentsRoundTripIntactWithoutEitherGatewayGrowingInProportionToTheirSize()
    {
        await using var pair = await AttachmentProcessPair.StartAsync("round-trip");
        var file = AttachmentTransfer.RandomFile(TwentyMegabytes, seed: 20);

        // A 1 MB round trip first, so that what is measured is what the attachments add, not the
        // first use of every code path (JIT, connections, pools) that any message would cause.
        await RoundTripAsync(pair, AttachmentTransfer.RandomFile(1_000_000, seed: 1), "round-trip-warm-up");
        var before = Memory(pair);

        var uploaded = await AttachmentTransfer.UploadAsync(pair.LaoCaiAttachments, AttachmentTransfer.Metadata("round-trip-20mb", FaultParties.Yunnan, file), file);
        // NOT_FOUND until the manifest, the last envelope sent, has arrived.
        var received = await Polling.UntilAsync(
            async () => await FindAsync(pair.YunnanAttachments, uploaded.Name),
            a => a?.State == AttachmentState.Received,
            AttachmentProcessPair.Deadline,
            $"{uploaded.Name} received on Yunnan");
        await Polling.UntilAsync(
            async () => (await FindAsync(pair.LaoCaiAttachments, uploaded.Name))?.State == AttachmentState.Delivered,
            AttachmentProcessPair.Deadline,
            $"{uploaded.Name} delivered, as Lao Cai's receipts say");
        var (downloaded, length, sha256) = await AttachmentTransfer.DownloadAsync(pair.YunnanAttachments, uploaded.Name);
        var afterTwenty = Memory(pair);

        Assert.Equal((77u, (ulong)TwentyMegabytes, AttachmentState.Sending), (uploaded.ChunkCount, uploaded.SizeBytes, uploaded.State));
        Assert.NotNull(received);
        Assert.Equal((77u, 77u, "image/jpeg", "verification-round-trip-20mb", FaultParties.LaoCai), (received.ChunkCount, received.ChunksReceived, received.MediaType, received.CorrelationId, received.PeerNode));
        Assert.Equal(uploaded.AttachmentId, downloaded.AttachmentId);
        Assert.Equal(TwentyMegabytes, length);
        Assert.Equal(SHA256.HashData(file), sha256);

        // Three times larger: if either gateway held an attachment whole, or any share of it in
        // proportion to its size, its peak would climb with it. What stays is the gateway's own
        // working set, which the first attachment already reached, up to the GC's timing.
        await RoundTripAsync(pair, AttachmentTransfer.RandomFile(SixtyMegabytes, seed: 60), "round-trip-60mb");
        var afterSixty = Memory(pair);

        var growths = new Dictionary<string, (long Twenty, long Sixty)>();
        foreach (var node in new[] { FaultParties.LaoCai, FaultParties.Yunnan })
        {
            var (start, twenty, sixty) = (before[node], afterTwenty[node], afterSixty[node]);
            growths[node] = (twenty.PeakResidentBytes - start.PeakResidentBytes, sixty.PeakResidentBytes - start.PeakResidentBytes);
            output.WriteLine($"{node}: before {start}; after the 20 MB round trip {twenty}; after the 60 MB one {sixty}; peak grew by "
                + $"{ProcessMemory.Mebibytes(growths[node].Twenty)} with the 20 MB attachment ({(double)growths[node].Twenty / TwentyMegabytes:P0} of its size), "
                + $"{ProcessMemory.Mebibytes(growths[node].Sixty)} in all with the 60 MB one ({(double)growths[node].Sixty / SixtyMegabytes:P0} of its size)");
        }

        // Outbox claims and inbound processing are capped by bytes (Messaging:OutboxBatchMaxBytes,
        // Messaging:InboundMaxBytesInProcess), chunks are not copied needlessly and background GC is
        // off (Liaison.Gateway.csproj). Neither gateway may grow by twice the 20 MB attachment (two
        // copies of it), nor, through both round trips, by the 60 MB attachment's size.
        Assert.All(growths, g => Assert.True(g.Value.Twenty < 2L * TwentyMegabytes, $"{g.Key}'s peak resident memory grew by {g.Value.Twenty} bytes with the 20 MB attachment, not less than twice its {TwentyMegabytes}."));
        Assert.All(growths, g => Assert.True(g.Value.Sixty < SixtyMegabytes, $"{g.Key}'s peak resident memory grew by {g.Value.Sixty} bytes through the 20 and 60 MB attachments, not less than the latter's {SixtyMegabytes}."));
    }

    private static Dictionary<string, ProcessMemory> Memory(AttachmentProcessPair pair) => new()
    {
        [FaultParties.LaoCai] = AttachmentProcessPair.MemoryOf(pair.LaoCai),
        [FaultParties.Yunnan] = AttachmentProcessPair.MemoryOf(pair.Yunnan),
    };

    /// <summary>Uploads to Lao Cai, waits until Yunnan holds it, downloads it there and checks it.</summary>
    private static async Task RoundTripAsync(AttachmentProcessPair pair, byte[] file, string reference)
    {
        var uploaded = await AttachmentTransfer.UploadAsync(pair.LaoCaiAttachments, AttachmentTransfer.Metadata(reference, FaultParties.Yunnan, file), file);
        await Polling.UntilAsync(
            async () => await FindAsync(pair.YunnanAttachments, uploaded.Name),
            a => a?.State == AttachmentState.Received,
            AttachmentProcessPair.Deadline,
            $"{uploaded.Name} received on Yunnan");
        var (_, length, sha256) = await AttachmentTransfer.DownloadAsync(pair.YunnanAttachments, uploaded.Name);
        Assert.Equal(file.Length, length);
        Assert.Equal(SHA256.HashData(file), sha256);
    }

    /// <summary>
    /// The attachment, or null while it is not there. A probe that gets no answer within its own
    /// deadline is also "not yet": the poll asks again, with a new call, until its own deadline.
    /// </summary>
    private static async Task<Attachment?> FindAsync(LiaisonAttachmentService.LiaisonAttachmentServiceClient client, string name)
    {
        try
        {
            return (await client.GetAttachmentAsync(new GetAttachmentRequest { Name = name }, deadline: DateTime.UtcNow.AddSeconds(10))).Attachment;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.DeadlineExceeded)
        {
            return null;
        }
    }

    [Fact]
    public async Task ATruncatedUploadDeliversItsChunksButNoAttachmentToTheReceiver()
    {
        await using var pair = await AttachmentProcessPair.StartAsync("truncated");
        var file = AttachmentTransfer.RandomFile(1000 * 1000, seed: 7);
        var metadata = AttachmentTransfer.Metadata("truncated-upload", FaultParties.Yunnan, file);
        var attachmentId = AttachmentIds.Derive(FaultParties.LaoCai, metadata.RequestId);

        var refused = await Assert.ThrowsAsync<RpcException>(() => AttachmentTransfer.UploadAsync(pair.LaoCaiAttachments, metadata, file.AsMemory(0, 600 * 1024)));

        AttachmentAssert.Refused(refused, StatusCode.InvalidArgument, "ATTACHMENT_SIZE_MISMATCH");
        // The two full chunks went out before the upload ended short: wait until Yunnan stored them.
        await Polling.UntilAsync(
            async () => (await pair.Yunnan.Client.ListInboxMessagesAsync(new ListInboxMessagesRequest { PageSize = 100 })).Messages
                .Count(m => m.CorrelationId == attachmentId && m.State == Gateway.V1.MessageState.Stored) == 2,
            AttachmentProcessPair.Deadline,
            "both chunks of the truncated upload stored on Yunnan");
        var name = "attachments/" + attachmentId;
        AttachmentAssert.Refused(await Assert.ThrowsAsync<RpcException>(async () => await pair.YunnanAttachments.GetAttachmentAsync(new GetAttachmentRequest { Name = name })), StatusCode.NotFound, "ATTACHMENT_NOT_FOUND");
        AttachmentAssert.Refused(await Assert.ThrowsAsync<RpcException>(() => AttachmentTransfer.DownloadAsync(pair.YunnanAttachments, name)), StatusCode.NotFound, "ATTACHMENT_NOT_FOUND");
        AttachmentAssert.Refused(await Assert.ThrowsAsync<RpcException>(async () => await pair.LaoCaiAttachments.GetAttachmentAsync(new GetAttachmentRequest { Name = name })), StatusCode.NotFound, "ATTACHMENT_NOT_FOUND");
    }
}
