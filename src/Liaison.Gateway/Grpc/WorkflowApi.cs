using System.Text;
using Grpc.Core;
using Liaison.Crypto;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Grpc.Internal;
using Liaison.Gateway.Security;
using Liaison.Gateway.V1;
using Liaison.Gateway.Workflows;
using Liaison.Workflows.Reports;

namespace Liaison.Gateway.Grpc;

/// <summary>
/// The workflows' gRPC API: steps go through the <see cref="WorkflowCoordinator"/>, reads
/// fold the steps both sides took. Errors are mapped in <see cref="ErrorMappingInterceptor"/>.
/// Created per call.
/// </summary>
public sealed class WorkflowApi(
    GatewayNode node,
    WorkflowCoordinator coordinator,
    WorkflowDeadlines deadlines,
    WorkflowReports reports,
    Auditing.AuditTrail audit,
    CaseAccessGuard access,
    TimeProvider time,
    Liaison.Workflows.Handover.HandoverPolicy handoverPolicy) : LiaisonWorkflowService.LiaisonWorkflowServiceBase
{
    public override async Task<SubmitWorkflowStepResponse> SubmitWorkflowStep(SubmitWorkflowStepRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var violations = new List<Google.Rpc.BadRequest.Types.FieldViolation>();
        if (request.RequestId.Length == 0 || !Identifiers.IsReference(request.RequestId))
        {
            violations.Add(new() { Field = "request_id", Description = "A request id is required: 1 to 64 characters of A-Z, a-z, 0-9, '/', '.', '_' and '-'." });
        }

        if (!node.Peers.Contains(request.RecipientNode))
        {
            violations.Add(new() { Field = "recipient_node", Description = "The recipient must be a partner node the agreement links this node to." });
        }

        if (request.Step is null)
        {
            violations.Add(new() { Field = "step", Description = "The step is required." });
        }
        else
        {
            violations.AddRange(WorkflowStepLimits.Check(request.Step, "step"));
        }

        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations);
        }

        // Need-to-know: a step joins only a workflow its author may read; a new case becomes its unit's.
        var caller = Auditing.AuditActors.CallerOf(context);
        var @case = await access.RequireWriteAsync(caller, request.Step!.CaseReference, request.Step.WorkflowId, context.CancellationToken);
        var (workflow, result) = await coordinator.SubmitStepAsync(request.RequestId, request.RecipientNode, request.Step!, Auditing.AuditActors.Of(context), context.CancellationToken);
        await access.RecordOpenedAsync(caller, @case, context.CancellationToken);
        return new SubmitWorkflowStepResponse
        {
            Workflow = Map(workflow, context),
            Message = MessageMapper.ToMessage(result.Message),
        };
    }

    public override async Task<GetWorkflowResponse> GetWorkflow(GetWorkflowRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var workflow = await FindAsync(request.Name, context.CancellationToken);
        await access.RequireReadAsync(Caller.Of(context), CasesOf(workflow), null, context.CancellationToken);
        return new GetWorkflowResponse { Workflow = Map(workflow, context) };
    }

    public override async Task<GetCaseTimelineResponse> GetCaseTimeline(GetCaseTimelineRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.CaseReference.Length == 0 || !Identifiers.IsReference(request.CaseReference))
        {
            throw new InvalidRequestException([new() { Field = "case_reference", Description = "A case reference is 1 to 64 characters of A-Z, a-z, 0-9, '/', '.', '_' and '-'." }]);
        }

        var (workflows, references) = await coordinator.CaseTimelineAsync(request.CaseReference, context.CancellationToken);
        // Only the workflows the caller may read; refused when there are some and it may read none.
        var readable = await access.FilterReadableAsync(Caller.Of(context), workflows.Select(CasesOf).ToList(), context.CancellationToken);
        var response = new GetCaseTimelineResponse();
        response.Workflows.AddRange(readable.Select(i => Map(workflows[i], context)));
        response.CaseReferences.AddRange(references);
        return response;
    }

    public override async Task<GetPeriodicReportResponse> GetPeriodicReport(GetPeriodicReportRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (!ReportPeriod.TryParse(request.Period, out var period))
        {
            throw new InvalidRequestException([new() { Field = "period", Description = "A period is \"2026-Q3\", \"2026-H1\" or \"2026\"." }]);
        }

        if (!Enum.IsDefined(request.Format))
        {
            throw new InvalidRequestException([new() { Field = "format", Description = "The format must be REPORT_FORMAT_CSV or REPORT_FORMAT_HTML (unspecified means CSV)." }]);
        }

        var report = await reports.ComputeAsync(period!, context.CancellationToken);
        // Audited before it leaves: an export that cannot be audited does not happen.
        await audit.ExportedAsync(Auditing.AuditActors.CallerOf(context), $"report {period} as {(request.Format == ReportFormat.Html ? "html" : "csv")}", "", context.CancellationToken);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var html = request.Format == ReportFormat.Html;
        if (html)
        {
            ReportDocument.WriteHtml(report, writer, ReportLanguage.Vietnamese, ReportLanguage.Chinese);
        }
        else
        {
            ReportCsv.Write(report, writer);
        }

        return new GetPeriodicReportResponse
        {
            Period = period!.ToString(),
            MediaType = html ? "application/xhtml+xml" : "text/csv",
            Content = Google.Protobuf.ByteString.CopyFrom(writer.ToString(), Encoding.UTF8),
            DueBefore = period.DueBefore.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public override async Task<ExportHandoverRecordResponse> ExportHandoverRecord(ExportHandoverRecordRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var workflow = await FindAsync(request.Name, context.CancellationToken);
        await access.RequireReadAsync(Caller.Of(context), CasesOf(workflow), null, context.CancellationToken);
        var export = HandoverRecordExport.From(workflow, WorkflowMapper.LanguageOf(context.RequestHeaders.GetValue("accept-language")));
        await audit.ExportedAsync(Auditing.AuditActors.CallerOf(context), $"handover record of workflow {workflow.WorkflowId}, digest {export.RecordDigestHex}",
            workflow.Steps.Select(s => s.Message.CaseReference).FirstOrDefault(c => c.Length > 0) ?? "", context.CancellationToken);
        return new ExportHandoverRecordResponse
        {
            MediaType = "application/xhtml+xml",
            Content = Google.Protobuf.ByteString.CopyFrom(export.Content),
            RecordDigest = export.RecordDigestHex,
            Completed = export.Completed,
        };
    }

    /// <summary>The configured gates and handover rules: configuration, no case data, so nothing to audit or filter.</summary>
    public override Task<ListBorderGatesResponse> ListBorderGates(ListBorderGatesRequest request, ServerCallContext context)
    {
        var response = new ListBorderGatesResponse
        {
            MinimumNoticeDays = handoverPolicy.MinimumNoticeDays,
            RollCallTolerance = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(handoverPolicy.RollCallTolerance),
        };
        response.BorderGates.Add(handoverPolicy.BorderGates.Select(g => new BorderGate
        {
            Code = g.Code,
            NameVi = g.NameVi,
            NameZh = g.NameZh,
            NameEn = g.NameEn,
            TimeZone = g.TimeZone.Id,
        }));
        return Task.FromResult(response);
    }

    private async Task<FoldedWorkflow> FindAsync(string name, CancellationToken cancellationToken)
    {
        const string prefix = "workflows/";
        var id = name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : "";
        if (!Liaison.Workflows.WorkflowIds.IsValid(id))
        {
            throw new InvalidRequestException([new() { Field = "name", Description = "A workflow name is \"workflows/{workflow_id}\"." }]);
        }

        var workflow = await coordinator.GetAsync(id, cancellationToken);
        return workflow.Kind is null ? throw new WorkflowNotFoundException(id) : workflow;
    }

    /// <summary>The cases a workflow's personal data belongs to: those of its steps, in the order taken.</summary>
    private IReadOnlyList<CaseKey> CasesOf(FoldedWorkflow workflow) =>
        workflow.Steps.Select(s => CaseKey.Of(node.NodeId, s.Message)).Distinct().ToList();

    private V1.Workflow Map(FoldedWorkflow workflow, ServerCallContext context) =>
        WorkflowMapper.ToWorkflow(workflow, node.NodeId, deadlines, time.GetUtcNow(), WorkflowMapper.LanguageOf(context.RequestHeaders.GetValue("accept-language")));
}
