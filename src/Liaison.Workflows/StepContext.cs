using Liaison.Workflow.V1;

namespace Liaison.Workflows;

/// <summary>The step being applied, for building refusals: "verification vr-1 ...".</summary>
internal sealed record StepContext(WorkflowKind Kind, string WorkflowId, string State, WorkflowEvent.EventOneofCase Step)
{
    /// <summary>"verification vr-1".</summary>
    public string Subject => $"{KindName(Kind)} {WorkflowId}";

    /// <summary>"answered".</summary>
    public string Participle => Step == WorkflowEvent.EventOneofCase.None ? "changed" : WorkflowEvents.Participle(Step);

    public IllegalTransitionException Refuse(string sentence) =>
        new(Kind, WorkflowId, State, WorkflowEvents.NameOrNone(Step), sentence);

    /// <summary>A refusal of the form "verification vr-1 cannot be answered: {reason}".</summary>
    public IllegalTransitionException RefuseBecause(string reason) => Refuse($"{Subject} cannot be {Participle}: {reason}");

    public static string KindName(WorkflowKind kind) => kind switch
    {
        WorkflowKind.Verification => "verification",
        WorkflowKind.Criteria => "criteria negotiation",
        WorkflowKind.Handover => "handover",
        WorkflowKind.Alert => "alert",
        _ => kind.ToString(),
    };
}
