using Grpc.Core;
using Liaison.Gateway.V1;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>Listing, streaming and fetching received messages, each test on a gateway of its own.</summary>
public sealed class InboxTests : IDisposable
{
    private readonly NodeDirectory files = new();
    private readonly GatewayFactory gateway;

    public InboxTests() => gateway = new GatewayFactory(files.Settings());

    [Fact]
    public async Task ListingPagesThroughTheInboxInArrivalOrderWithTokens()
    {
        var recorded = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            recorded.Add((await gateway.RecordInboundAsync([(byte)i])).EnvelopeId.ToString("D"));
        }

        var seen = new List<string>();
        var pages = 0;
        var token = "";
        do
        {
            var page = await gateway.Client.ListInboxMessagesAsync(new ListInboxMessagesRequest { PageSize = 2, PageToken = token });
            Assert.True(page.Messages.Count <= 2);
            seen.AddRange(page.Messages.Select(m => m.EnvelopeId));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(recorded, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task AForeignPageTokenIsAnInvalidArgument()
    {
        var error = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => gateway.Client.ListInboxMessagesAsync(new ListInboxMessagesRequest { PageToken = "not-a-token" }).ResponseAsync);

        Assert.Equal("INVALID_PAGE_TOKEN", RpcAssert.Info(error).Reason);
        Assert.Equal(["page_token"], RpcAssert.ViolatedFields(error));
    }

    [Fact]
    public async Task TheStreamDeliversAMessageRecordedAfterItOpened()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = gateway.Client.StreamInboxMessages(new StreamInboxMessagesRequest(), cancellationToken: deadline.Token);

        // The gateway sends its headers once it is subscribed: from then on nothing is missed.
        await call.ResponseHeadersAsync;
        var recorded = await gateway.RecordInboundAsync("after the stream opened"u8.ToArray());

        Assert.True(await call.ResponseStream.MoveNext(deadline.Token));
        var message = call.ResponseStream.Current.Message;
        Assert.Equal(recorded.EnvelopeId.ToString("D"), message.EnvelopeId);
        Assert.Equal(MessageState.Stored, message.State);
        Assert.Equal(MessageDirection.Inbound, message.Direction);
        Assert.Equal(NodeDirectory.Yunnan, message.PeerNode);
    }

    [Fact]
    public async Task TheGatewaysOwnWitnessingMessagesAreLeftOutOfTheInboxUnlessAskedFor()
    {
        var before = await gateway.RecordInboundAsync([1]);
        var witnessing = await gateway.RecordInboundAsync([2], Liaison.Gateway.Witnessing.WitnessingMessageTypes.Checkpoint);
        var after = await gateway.RecordInboundAsync([3]);

        var listed = await gateway.Client.ListInboxMessagesAsync(new ListInboxMessagesRequest { PageSize = 1 });
        var rest = await gateway.Client.ListInboxMessagesAsync(new ListInboxMessagesRequest { PageToken = listed.NextPageToken });
        var everything = await gateway.Client.ListInboxMessagesAsync(new ListInboxMessagesRequest { IncludeWitnessing = true });

        Assert.Equal([before.EnvelopeId.ToString("D")], listed.Messages.Select(m => m.EnvelopeId));
        Assert.Equal([after.EnvelopeId.ToString("D")], rest.Messages.Select(m => m.EnvelopeId));
        Assert.Equal(new[] { before, witnessing, after }.Select(m => m.EnvelopeId.ToString("D")), everything.Messages.Select(m => m.EnvelopeId));

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = gateway.Client.StreamInboxMessages(new StreamInboxMessagesRequest(), cancellationToken: deadline.Token);
        await call.ResponseHeadersAsync;
        await gateway.RecordInboundAsync([4], Liaison.Gateway.Witnessing.WitnessingMessageTypes.Cosignature);
        var next = await gateway.RecordInboundAsync([5]);
        Assert.True(await call.ResponseStream.MoveNext(deadline.Token));
        Assert.Equal(next.EnvelopeId.ToString("D"), call.ResponseStream.Current.Message.EnvelopeId);
    }

    [Fact]
    public async Task FetchReturnsTheDecryptedPayloadOfAReceivedMessage()
    {
        var payload = "synthetic verification request"u8.ToArray();
        var recorded = await gateway.RecordInboundAsync(payload);
        var name = "messages/" + recorded.EnvelopeId.ToString("D");

        var fetched = await gateway.Client.FetchMessageAsync(new FetchMessageRequest { Name = name });

        Assert.Equal(payload, fetched.Payload.ToByteArray());
        Assert.Equal((ulong)payload.Length, fetched.Message.PayloadSizeBytes);
        Assert.Equal(name, (await gateway.Client.GetMessageAsync(new GetMessageRequest { Name = name })).Message.Name);
    }

    [Fact]
    public async Task FetchingAMessageThisNodeSentIsAFailedPrecondition()
    {
        var sent = (await gateway.Client.SubmitMessageAsync(new SubmitMessageRequest
        {
            RequestId = "sent-1",
            RecipientNode = NodeDirectory.Yunnan,
            MessageType = "verification.request",
            Payload = Google.Protobuf.ByteString.CopyFromUtf8("x"),
        })).Message;

        var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => gateway.Client.FetchMessageAsync(new FetchMessageRequest { Name = sent.Name }).ResponseAsync);

        Assert.Equal("PAYLOAD_UNAVAILABLE", RpcAssert.Info(error).Reason);
        Assert.Contains(RpcAssert.Info(error).Metadata["current_state"], new[] { "Sealed", "Published" });
    }

    public void Dispose()
    {
        gateway.Dispose();
        files.Dispose();
    }
}
