using Google.Protobuf;
using Grpc.Core;
using Liaison.Envelope.V1;
using Liaison.Gateway.V1;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>SubmitMessage through a real channel to a hosted gateway.</summary>
public sealed class SubmitMessageTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly LiaisonGatewayService.LiaisonGatewayServiceClient client = fixture.Gateway.Client;

    [Fact]
    public async Task ARetryWithTheSameRequestIdReturnsTheFirstMessage()
    {
        var request = Request("retry-1", "first"u8.ToArray());
        var first = (await client.SubmitMessageAsync(request)).Message;
        var again = (await client.SubmitMessageAsync(request)).Message;

        // The dispatcher (on the in-memory transport here) may publish it in between.
        Assert.Equal(first.Clone().WithoutProgress(), again.Clone().WithoutProgress());
        Assert.Equal(MessageState.Sealed, first.State);
        Assert.Equal(MessageDirection.Outbound, first.Direction);
        Assert.Equal("messages/" + first.EnvelopeId, first.Name);
        Assert.Equal(NodeDirectory.Yunnan, first.PeerNode);
        Assert.True(first.Sequence >= 1);
        var got = (await client.GetMessageAsync(new GetMessageRequest { Name = first.Name })).Message;
        Assert.Equal(first.Clone().WithoutProgress(), got.WithoutProgress());
    }

    [Fact]
    public async Task TheSameRequestIdWithAnotherPayloadIsAlreadyExistsWithReasonRequestIdReused()
    {
        var first = (await client.SubmitMessageAsync(Request("reused-1", "one"u8.ToArray()))).Message;

        var error = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => client.SubmitMessageAsync(Request("reused-1", "two"u8.ToArray())).ResponseAsync);

        var info = RpcAssert.Info(error);
        Assert.Equal("REQUEST_ID_REUSED", info.Reason);
        Assert.Equal(first.Name, info.Metadata["existing_message"]);
    }

    [Fact]
    public async Task InvalidFieldsAreAllReportedAsFieldViolations()
    {
        var request = new SubmitMessageRequest
        {
            RequestId = "",
            RecipientNode = "Not A Node",
            MessageType = "verification.request",
            Payload = ByteString.CopyFrom(new byte[NodeDirectory.MaxMessageBytes + 1]),
            Priority = (Priority)42,
        };

        var error = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => client.SubmitMessageAsync(request).ResponseAsync);

        Assert.Equal("INVALID_REQUEST", RpcAssert.Info(error).Reason);
        Assert.Equal(["request_id", "recipient_node", "payload", "priority"], RpcAssert.ViolatedFields(error));
    }

    [Fact]
    public async Task ARecipientWithoutALinkIsAFailedPrecondition()
    {
        var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => client.SubmitMessageAsync(Request("nolink-1", "x"u8.ToArray(), "th-chiangrai")).ResponseAsync);

        Assert.Equal("NOT_ALLOWED_BY_AGREEMENT", RpcAssert.Info(error).Reason);
        Assert.Contains("no link", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GettingAnUnknownMessageIsNotFound()
    {
        var name = "messages/" + Guid.CreateVersion7().ToString("D");

        var error = await RpcAssert.FailsAsync(StatusCode.NotFound, () => client.GetMessageAsync(new GetMessageRequest { Name = name }).ResponseAsync);

        Assert.Equal("MESSAGE_NOT_FOUND", RpcAssert.Info(error).Reason);
        Assert.Equal(name, RpcAssert.Info(error).Metadata["name"]);
    }

    [Fact]
    public async Task AMalformedMessageNameIsAnInvalidArgument()
    {
        var error = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => client.GetMessageAsync(new GetMessageRequest { Name = "envelopes/42" }).ResponseAsync);

        Assert.Equal(["name"], RpcAssert.ViolatedFields(error));
    }

    private static SubmitMessageRequest Request(string requestId, byte[] payload, string recipient = NodeDirectory.Yunnan) => new()
    {
        RequestId = requestId,
        RecipientNode = recipient,
        MessageType = "verification.request",
        Payload = ByteString.CopyFrom(payload),
        CaseReference = "LC-2026-0042",
        Priority = Priority.High,
    };
}
