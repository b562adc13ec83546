using System.Globalization;
using System.Text;
using Liaison.Workflow.V1;
using Liaison.Workflows;
using Liaison.Workflows.Handover;
using Liaison.Workflows.Localization;

namespace Liaison.Gateway.Workflows;

/// <summary>The printable record of a handover, from its folded steps.</summary>
/// <param name="Content">UTF-8 XHTML.</param>
public sealed record HandoverRecordExport(byte[] Content, string RecordDigestHex, bool Completed)
{
    /// <exception cref="WorkflowRefusedException">The workflow is not a handover.</exception>
    /// <exception cref="IllegalTransitionException">No side has signed a record yet.</exception>
    public static HandoverRecordExport From(FoldedWorkflow workflow, Language language)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (workflow.State is not HandoverState handover)
        {
            throw new WorkflowRefusedException("name", $"Workflow {workflow.WorkflowId} is not a handover.");
        }

        // The record the latest signature covers: once both sides signed, the one both signed.
        var record = workflow.Steps.Select(s => s.Event)
            .Where(e => e.EventCase == WorkflowEvent.EventOneofCase.HandoverRecordSignature)
            .Select(e => e.HandoverRecordSignature.Record)
            .LastOrDefault(r => r is not null)
            ?? throw new IllegalTransitionException(WorkflowKind.Handover, workflow.WorkflowId, workflow.StateName, "export",
                $"handover {workflow.WorkflowId} is {workflow.StateName}; no side has signed a record to export yet");
        var other = language == Language.Zh ? Language.Vi : Language.Zh;
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        HandoverRecordDocument.WriteHtml(record, handover, language, other, writer);
        return new HandoverRecordExport(
            Encoding.UTF8.GetBytes(writer.ToString()),
            Convert.ToHexStringLower(HandoverRecordDigest.Of(record)),
            handover.Status == HandoverStatus.Completed);
    }
}
