using Liaison.Workflows;

namespace Liaison.Gateway.Workflows;

/// <summary>A workflow's state after folding every step this node holds.</summary>
/// <param name="State">The state record of its kind (VerificationState, CriteriaState, HandoverState or AlertState); null before the first step.</param>
/// <param name="InitiatorNode">The node that took the first step; null before it.</param>
/// <param name="Conflicts">Steps the partner sent that the state machine refused, with the reason: kept as evidence, not applied.</param>
public sealed record FoldedWorkflow(
    string WorkflowId,
    WorkflowKind? Kind,
    object? State,
    string? InitiatorNode,
    IReadOnlyList<WorkflowStepRecord> Steps,
    IReadOnlyList<(WorkflowStepRecord Step, string Reason)> Conflicts)
{
    /// <summary>The state's name, e.g. "Requested"; "None" before the first step.</summary>
    public string StateName => State switch
    {
        Liaison.Workflows.Verification.VerificationState v => v.Status.ToString(),
        Liaison.Workflows.Criteria.CriteriaState c => c.Status.ToString(),
        Liaison.Workflows.Handover.HandoverState h => h.Status.ToString(),
        Liaison.Workflows.Alerts.AlertState a => a.Status.ToString(),
        _ => "None",
    };

    /// <summary>The party a node plays in this workflow: the initiator, or the responder.</summary>
    public Workflow.V1.Party PartyOf(string node) =>
        InitiatorNode is null || InitiatorNode == node ? Workflow.V1.Party.Initiator : Workflow.V1.Party.Responder;
}
