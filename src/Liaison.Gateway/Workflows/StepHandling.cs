using Liaison.Workflow.V1;

namespace Liaison.Gateway.Workflows;

/// <summary>The handling instructions a step's author put on the information in it, if any.</summary>
public static class StepHandling
{
    public static HandlingInstructions? Of(WorkflowEvent step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.EventCase switch
        {
            WorkflowEvent.EventOneofCase.VerificationRequest => step.VerificationRequest.Handling,
            WorkflowEvent.EventOneofCase.VerificationAnswer => step.VerificationAnswer.Handling,
            WorkflowEvent.EventOneofCase.AlertRaise => step.AlertRaise.Handling,
            _ => null,
        };
    }

    /// <summary>The other workflows a step draws information from (a handover's people come from verifications).</summary>
    public static IEnumerable<string> ReferencedWorkflows(WorkflowEvent step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var plan = step.EventCase switch
        {
            WorkflowEvent.EventOneofCase.HandoverProposal => step.HandoverProposal.Plan,
            WorkflowEvent.EventOneofCase.HandoverCounterProposal => step.HandoverCounterProposal.Plan,
            _ => null,
        };
        return plan?.People.Select(p => p.VerificationWorkflowId).Where(id => id.Length > 0 && id != step.WorkflowId).Distinct() ?? [];
    }
}
