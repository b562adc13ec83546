using Liaison.Workflow.V1;

namespace Liaison.Workflows;

/// <summary>
/// One row of a transition table: from <paramref name="From"/> (null: no
/// workflow yet), the step <paramref name="Step"/> may be taken by <paramref name="By"/>.
/// </summary>
/// <typeparam name="TStatus">The workflow's status enum.</typeparam>
public sealed record Transition<TStatus>(TStatus? From, WorkflowEvent.EventOneofCase Step, StepActor By)
    where TStatus : struct, Enum;
