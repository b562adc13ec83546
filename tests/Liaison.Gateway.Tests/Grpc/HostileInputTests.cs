using Google.Protobuf;
using Grpc.Core;
using Liaison.Gateway.Extensions;
using Liaison.Gateway.V1;
using Liaison.Workflow.V1;
using Liaison.Workflows.Tests.Support;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>
/// Hostile input through the real gRPC stack (TestServer, GrpcChannel): over-long fields, too
/// many entries, unknown enum numbers, truncated and deeply nested protobuf, and a request
/// over the gRPC maximum. Each gets its specific status; none gets INTERNAL or UNKNOWN.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const string WorkflowService = "liaison.gateway.v1.LiaisonWorkflowService";
    private const string GatewayService = "liaison.gateway.v1.LiaisonGatewayService";
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);
    private readonly NodeDirectory files = new();
    private readonly GatewayFactory gateway;

    public HostileInputTests() => gateway = new GatewayFactory(files.Settings());

    private LiaisonWorkflowService.LiaisonWorkflowServiceClient Workflows => new(gateway.Channel);

    [Fact]
    public async Task AStepOverTheFieldLimitsIsRefusedWithOneViolationPerFieldAndNothingIsSent()
    {
        var step = VerificationEvents.Request("vr-hostile-1");
        var request = step.VerificationRequest;
        step.OfficerId = "officer seven";
        request.Names[1].Name.Text = new string('x', 201);
        request.Sex = (Sex)99;
        request.IndicatorCodes.AddRange(Enumerable.Range(0, 200).Select(i => $"IND-{i}"));
        while (request.Attachments.Count <= 20)
        {
            request.Attachments.Add(request.Attachments[0]);
        }

        request.Handling.Code = (HandlingCode)42;
        request.Remarks = Texts.En(new string('r', 4001));

        var error = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Workflows.SubmitWorkflowStepAsync(new SubmitWorkflowStepRequest { RequestId = "req-h1", RecipientNode = NodeDirectory.Yunnan, Step = step }).ResponseAsync);

        Assert.Equal("INVALID_REQUEST", RpcAssert.Info(error).Reason);
        Assert.Equal(
            ["step.officer_id", "step.verification_request.names[1].name.text", "step.verification_request.sex", "step.verification_request.indicator_codes",
             "step.verification_request.attachments", "step.verification_request.handling.code", "step.verification_request.remarks.text"],
            RpcAssert.ViolatedFields(error));
        Assert.Null(await gateway.Store.GetByRequestIdAsync("req-h1", CancellationToken.None));
    }

    [Fact]
    public async Task AnUnknownReportFormatIsAFieldViolation()
    {
        var error = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Workflows.GetPeriodicReportAsync(new GetPeriodicReportRequest { Period = "2026-Q1", Format = (ReportFormat)9 }).ResponseAsync);

        Assert.Equal(["format"], RpcAssert.ViolatedFields(error));
    }

    public static TheoryData<string, string> Methods() => new()
    {
        { WorkflowService, "SubmitWorkflowStep" },
        { GatewayService, "SubmitMessage" },
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task TruncatedProtobufIsInvalidArgument(string service, string method)
    {
        // Field 1 (request_id) says 100 bytes follow; 3 do.
        var error = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => SendRawAsync(service, method, [0x0A, 100, (byte)'r', (byte)'e', (byte)'q']));

        Assert.Equal("MALFORMED_REQUEST", RpcAssert.Info(error).Reason);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task ProtobufNestedDeeperThanTheRecursionLimitIsInvalidArgument(string service, string method)
    {
        // 200 nested groups of an unknown field 99: start tag (99 << 3 | 3), then end tag (99 << 3 | 4).
        var nested = Enumerable.Repeat<byte[]>([0x9B, 0x06], 200).Concat(Enumerable.Repeat<byte[]>([0x9C, 0x06], 200)).SelectMany(b => b).ToArray();

        var error = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => SendRawAsync(service, method, nested));

        Assert.Equal("MALFORMED_REQUEST", RpcAssert.Info(error).Reason);
    }

    [Fact]
    public async Task ATruncatedMessageInAClientStreamIsInvalidArgument()
    {
        var upload = new Method<byte[], byte[]>(MethodType.ClientStreaming, "liaison.gateway.v1.LiaisonAttachmentService", "UploadAttachment", Raw, Raw);
        using var call = gateway.Channel.CreateCallInvoker().AsyncClientStreamingCall(upload, null, default);

        await call.RequestStream.WriteAsync([0x0A, 100, 0x08]);
        await call.RequestStream.CompleteAsync();
        var error = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => call.ResponseAsync);

        Assert.Equal("MALFORMED_REQUEST", RpcAssert.Info(error).Reason);
    }

    [Fact]
    public async Task GarbageBytesAreInvalidArgumentAndTheGatewayStillAnswers()
    {
        var garbage = new byte[4096];
        new Random(6).NextBytes(garbage);

        var error = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => SendRawAsync(GatewayService, "SubmitMessage", garbage));

        Assert.Equal("MALFORMED_REQUEST", RpcAssert.Info(error).Reason);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Workflows.GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-none" }).ResponseAsync);
    }

    [Fact]
    public async Task ARequestOverTheGrpcMaximumIsResourceExhaustedAndTheGatewayStillAnswers()
    {
        var oversize = new byte[GatewayHostExtensions.MaxRequestBytes + 1];

        var error = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, () => SendRawAsync(GatewayService, "SubmitMessage", oversize));

        Assert.DoesNotContain(" at ", error.Status.Detail, StringComparison.Ordinal);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Workflows.GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-none" }).ResponseAsync);
    }

    public void Dispose()
    {
        gateway.Dispose();
        files.Dispose();
    }

    private async Task SendRawAsync(string service, string method, byte[] body) =>
        await gateway.Channel.CreateCallInvoker().AsyncUnaryCall(new Method<byte[], byte[]>(MethodType.Unary, service, method, Raw, Raw), null, default, body);
}
