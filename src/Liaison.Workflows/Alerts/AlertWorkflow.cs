using System.Diagnostics;
using Liaison.Workflow.V1;
using Liaison.Workflows.Handling;
using Case = Liaison.Workflow.V1.WorkflowEvent.EventOneofCase;
using S = Liaison.Workflows.Alerts.AlertStatus;

namespace Liaison.Workflows.Alerts;

/// <summary>
/// A hotline alert: raised → acknowledged once by the receiving side; until
/// then the raising side may resend it escalated to supervisors, one level at
/// a time; either side closes it. A pure fold; thread-safe.
/// </summary>
public static class AlertWorkflow
{
    /// <summary>Who may take which step from which status.</summary>
    public static TransitionTable<S> Table { get; } = new(WorkflowKind.Alert,
    [
        new(null, Case.AlertRaise, StepActor.Initiator),
        new(S.Raised, Case.AlertAcknowledgement, StepActor.Responder),
        new(S.Escalated, Case.AlertAcknowledgement, StepActor.Responder),
        new(S.Raised, Case.AlertEscalation, StepActor.Initiator),
        new(S.Escalated, Case.AlertEscalation, StepActor.Initiator),
        new(S.Raised, Case.AlertClosure, StepActor.Either),
        new(S.Escalated, Case.AlertClosure, StepActor.Either),
        new(S.Acknowledged, Case.AlertClosure, StepActor.Either),
    ]);

    /// <summary>Applies one step; throws <see cref="IllegalTransitionException"/> for any step the workflow does not allow.</summary>
    public static AlertState Apply(AlertState? current, WorkflowEvent e, Party author, DateTimeOffset at)
    {
        var context = StepAdmission.Admit(Table, current?.WorkflowId, current?.Status, null, e, author);
        return e.EventCase switch
        {
            Case.AlertRaise => Raise(context, e, at),
            Case.AlertAcknowledgement => Acknowledge(context, current!, e.AlertAcknowledgement, at),
            Case.AlertEscalation => Escalate(context, current!, e.AlertEscalation, at),
            Case.AlertClosure => current! with { Status = S.Closed, ClosedAt = at, UpdatedAt = at },
            _ => throw new UnreachableException(),
        };
    }

    /// <summary>Throws exactly as <see cref="Apply"/> would.</summary>
    public static void Check(AlertState? current, WorkflowEvent e, Party author, DateTimeOffset at) => Apply(current, e, author, at);

    /// <summary>True when <see cref="Apply"/> would accept the step.</summary>
    public static bool CanApply(AlertState? current, WorkflowEvent e, Party author, DateTimeOffset at)
    {
        try
        {
            Check(current, e, author, at);
            return true;
        }
        catch (IllegalTransitionException)
        {
            return false;
        }
    }

    private static AlertState Raise(StepContext context, WorkflowEvent e, DateTimeOffset at)
    {
        var raise = e.AlertRaise;
        var problem =
            raise.Urgency == Urgency.Unspecified ? "the alert has no urgency"
            : string.IsNullOrWhiteSpace(raise.Summary?.Text) ? "the alert has no summary"
            : raise.AckWindowMinutes == 0 ? "the acknowledgement window must be at least one minute"
            : HandlingValidation.Problem(raise.Handling);
        if (problem is not null)
        {
            throw context.RefuseBecause(problem);
        }
        return new AlertState
        {
            WorkflowId = e.WorkflowId,
            Status = S.Raised,
            Urgency = raise.Urgency,
            Handling = raise.Handling.Code,
            RaisedAt = at,
            AcknowledgementWindow = TimeSpan.FromMinutes(raise.AckWindowMinutes),
            UpdatedAt = at,
        };
    }

    private static AlertState Acknowledge(StepContext context, AlertState current, AlertAcknowledgement ack, DateTimeOffset at)
    {
        if (!WorkflowIds.IsValid(ack.AcknowledgedBy))
        {
            throw context.RefuseBecause("the acknowledgement must name the officer id that acknowledged it");
        }
        return current with { Status = S.Acknowledged, AcknowledgedAt = at, AcknowledgedBy = ack.AcknowledgedBy, UpdatedAt = at };
    }

    private static AlertState Escalate(StepContext context, AlertState current, AlertEscalation escalation, DateTimeOffset at)
    {
        if (escalation.EscalationLevel != current.EscalationLevel + 1)
        {
            throw context.RefuseBecause($"the next escalation level is {current.EscalationLevel + 1}");
        }
        return current with { Status = S.Escalated, EscalationLevel = escalation.EscalationLevel, UpdatedAt = at };
    }
}
