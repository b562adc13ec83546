using System.Text;
using Grpc.Core;
using Liaison.Gateway.V1;
using Liaison.Workflow.V1;
using Liaison.Workflows.Handling;
using Liaison.Workflows.Localization;
using Liaison.Workflows.Tests.Support;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>The workflow API through a real gRPC channel: steps, refusals and their status codes, reads, the report.</summary>
public sealed class WorkflowApiTests : IDisposable
{
    private readonly NodeDirectory files = new();
    private readonly GatewayFactory gateway;

    public WorkflowApiTests() => gateway = new GatewayFactory(files.Settings());

    private LiaisonWorkflowService.LiaisonWorkflowServiceClient Client => new(gateway.Channel);

    [Fact]
    public async Task ARequestOpensAWorkflowWithItsDeadlinesAndTheCourtUseMarkingInTheCallersLanguage()
    {
        var response = await Client.SubmitWorkflowStepAsync(
            new SubmitWorkflowStepRequest { RequestId = "req-1", RecipientNode = NodeDirectory.Yunnan, Step = VerificationEvents.Request("vr-api-1") },
            new Metadata { { "accept-language", "vi-VN" } });

        var workflow = response.Workflow;
        Assert.Equal(("workflows/vr-api-1", Gateway.V1.WorkflowKind.Verification, "Requested", NodeDirectory.Yunnan, true),
            (workflow.Name, workflow.Kind, workflow.State, workflow.PeerNode, workflow.InitiatedHere));
        Assert.Contains(HandlingRules.CourtUseMarking(Language.Vi), workflow.Markings);
        Assert.NotNull(workflow.VerificationDueTime);
        Assert.True(workflow.IdentificationDueTime.ToDateTimeOffset() > workflow.VerificationDueTime.ToDateTimeOffset());
        Assert.False(workflow.Overdue);
        Assert.Equal(Envelope.V1.Priority.High, response.Message.Priority);
        Assert.Equal("vr-api-1", response.Message.CorrelationId);

        var read = (await Client.GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-api-1" })).Workflow;
        var step = Assert.Single(read.Steps);
        Assert.Equal(WorkflowEvent.EventOneofCase.VerificationRequest, step.Event.EventCase);
        Assert.Contains(HandlingRules.CourtUseMarking(Language.En), read.Markings);
        var timeline = await Client.GetCaseTimelineAsync(new GetCaseTimelineRequest { CaseReference = "LC-2026-0042" });
        Assert.Equal("vr-api-1", Assert.Single(timeline.Workflows).WorkflowId);
    }

    [Fact]
    public async Task AnIllegalStepFailsWithFailedPreconditionAndTheCurrentState()
    {
        await Client.SubmitWorkflowStepAsync(new SubmitWorkflowStepRequest { RequestId = "req-1", RecipientNode = NodeDirectory.Yunnan, Step = VerificationEvents.Request("vr-api-2") });
        var ownAnswer = VerificationEvents.Answer(VerificationOutcome.NotFound, VictimDetermination.Undetermined, "vr-api-2");
        ownAnswer.VerificationAnswer.Criteria = null;

        var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => Client.SubmitWorkflowStepAsync(new SubmitWorkflowStepRequest { RequestId = "req-2", RecipientNode = NodeDirectory.Yunnan, Step = ownAnswer }).ResponseAsync);

        var info = RpcAssert.Info(error);
        Assert.Equal("ILLEGAL_TRANSITION", info.Reason);
        Assert.Equal("Requested", info.Metadata["current_state"]);
        Assert.Equal("workflows/vr-api-2", info.Metadata["workflow"]);
        Assert.DoesNotContain("Giàng", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedRequestsAndUnknownWorkflowsGetSpecificErrors()
    {
        var invalid = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.SubmitWorkflowStepAsync(new SubmitWorkflowStepRequest { RecipientNode = "th-chiangrai" }).ResponseAsync);
        Assert.Equal(["request_id", "recipient_node", "step"], RpcAssert.ViolatedFields(invalid));

        var empty = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.SubmitWorkflowStepAsync(new SubmitWorkflowStepRequest { RequestId = "req-3", RecipientNode = NodeDirectory.Yunnan, Step = new WorkflowEvent { WorkflowId = "vr-x" } }).ResponseAsync);
        Assert.Equal(["step"], RpcAssert.ViolatedFields(empty));

        var missing = await RpcAssert.FailsAsync(StatusCode.NotFound, () => Client.GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-none" }).ResponseAsync);
        Assert.Equal("WORKFLOW_NOT_FOUND", RpcAssert.Info(missing).Reason);
        var badName = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Client.GetWorkflowAsync(new GetWorkflowRequest { Name = "vr-none" }).ResponseAsync);
        Assert.Equal(["name"], RpcAssert.ViolatedFields(badName));
        var badPeriod = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Client.GetPeriodicReportAsync(new GetPeriodicReportRequest { Period = "2026-Q5" }).ResponseAsync);
        Assert.Equal(["period"], RpcAssert.ViolatedFields(badPeriod));
    }

    [Fact]
    public async Task TheReportCountsTheRequestsThisNodeSentInCsvAndHtml()
    {
        await Client.SubmitWorkflowStepAsync(new SubmitWorkflowStepRequest { RequestId = "req-1", RecipientNode = NodeDirectory.Yunnan, Step = VerificationEvents.Request("vr-api-4") });
        var period = Liaison.Workflows.Reports.ReportPeriod.Containing(
            Liaison.Workflows.Calendar.OverdueRule.LocalDate(DateTimeOffset.UtcNow, Liaison.Workflows.Calendar.LegalTimeZones.Vietnam), Liaison.Workflows.Reports.ReportPeriodKind.Quarter);

        var csv = await Client.GetPeriodicReportAsync(new GetPeriodicReportRequest { Period = period.ToString() });
        var html = await Client.GetPeriodicReportAsync(new GetPeriodicReportRequest { Period = period.ToString(), Format = ReportFormat.Html });

        Assert.Equal("text/csv", csv.MediaType);
        var lines = Encoding.UTF8.GetString(csv.Content.Span).Split('\n');
        Assert.Contains(lines, l => l.StartsWith("requests.sent,1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("requests.received,0", StringComparison.Ordinal));
        Assert.Equal("application/xhtml+xml", html.MediaType);
        Assert.Contains("<svg", Encoding.UTF8.GetString(html.Content.Span), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        gateway.Dispose();
        files.Dispose();
    }
}
