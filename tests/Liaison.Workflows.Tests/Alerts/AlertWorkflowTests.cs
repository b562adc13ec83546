using Liaison.Workflow.V1;
using Liaison.Workflows.Alerts;
using Microsoft.Extensions.Time.Testing;
using static Liaison.Workflows.Tests.Support.AlertEvents;

namespace Liaison.Workflows.Tests.Alerts;

public class AlertWorkflowTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 5, 3, 21, 40, 0, TimeSpan.FromHours(7)));

    private DateTimeOffset Now => time.GetUtcNow();

    private AlertState Raised() => AlertWorkflow.Apply(null, Raise(ackWindowMinutes: 15), Party.Initiator, Now);

    [Fact]
    public void TheAcknowledgementTimeIsDerivedFromTheState()
    {
        var raised = Raised();
        Assert.Null(raised.TimeToAcknowledge);
        time.Advance(TimeSpan.FromMinutes(6));

        var acknowledged = AlertWorkflow.Apply(raised, Acknowledge(), Party.Responder, Now);

        Assert.Equal(AlertStatus.Acknowledged, acknowledged.Status);
        Assert.Equal("cn-duty-4", acknowledged.AcknowledgedBy);
        Assert.Equal(TimeSpan.FromMinutes(6), acknowledged.TimeToAcknowledge);
        Assert.Equal(raised.RaisedAt.AddMinutes(15), acknowledged.AcknowledgementDue);
    }

    [Fact]
    public void AnUnacknowledgedAlertIsOverdueAfterItsWindowAndIsEscalatedLevelByLevel()
    {
        var raised = Raised();
        Assert.False(raised.IsOverdue(Now.AddMinutes(15)));
        Assert.True(raised.IsOverdue(Now.AddMinutes(15).AddTicks(1)));

        time.Advance(TimeSpan.FromMinutes(16));
        var escalated = AlertWorkflow.Apply(raised, Escalate(1), Party.Initiator, Now);
        escalated = AlertWorkflow.Apply(escalated, Escalate(2), Party.Initiator, Now);

        Assert.Equal(AlertStatus.Escalated, escalated.Status);
        Assert.Equal(2u, escalated.EscalationLevel);
        Assert.False(AlertWorkflow.CanApply(escalated, Escalate(4), Party.Initiator, Now));

        var acknowledged = AlertWorkflow.Apply(escalated, Acknowledge(), Party.Responder, Now);
        Assert.False(acknowledged.IsOverdue(Now.AddHours(1)));
    }

    [Fact]
    public void AcknowledgingAnAlertTwiceIsRefused()
    {
        var acknowledged = AlertWorkflow.Apply(Raised(), Acknowledge(), Party.Responder, Now);

        var ex = Assert.Throws<IllegalTransitionException>(() => AlertWorkflow.Apply(acknowledged, Acknowledge("cn-duty-5"), Party.Responder, Now));

        Assert.Equal("alert al-1 is Acknowledged; it cannot be acknowledged", ex.Message);
        Assert.Equal(WorkflowKind.Alert, ex.Kind);
        Assert.Equal("alert.acknowledge", ex.AttemptedStep);
    }

    [Fact]
    public void TheRaisingSideCannotAcknowledgeItsOwnAlert()
    {
        var ex = Assert.Throws<IllegalTransitionException>(() => AlertWorkflow.Apply(Raised(), Acknowledge(), Party.Initiator, Now));

        Assert.Equal("alert al-1 cannot be acknowledged by the side that raised it; only the receiving side may do so", ex.Message);
    }

    [Fact]
    public void AnAcknowledgedAlertIsNotEscalated()
    {
        var acknowledged = AlertWorkflow.Apply(Raised(), Acknowledge(), Party.Responder, Now);

        Assert.False(AlertWorkflow.CanApply(acknowledged, Escalate(1), Party.Initiator, Now));
    }

    [Fact]
    public void NoStepAppliesAfterClosure()
    {
        var closed = AlertWorkflow.Apply(Raised(), Close(), Party.Initiator, Now);

        Assert.Equal(AlertStatus.Closed, closed.Status);
        Assert.False(closed.IsOverdue(Now.AddDays(1)));
        var ex = Assert.Throws<IllegalTransitionException>(() => AlertWorkflow.Apply(closed, Acknowledge(), Party.Responder, Now));
        Assert.Equal("alert al-1 is Closed; it cannot be acknowledged", ex.Message);
        Assert.False(AlertWorkflow.CanApply(closed, Close(), Party.Responder, Now));
    }

    [Fact]
    public void AnAlertNeedsAnAcknowledgementWindow()
    {
        Assert.False(AlertWorkflow.CanApply(null, Raise(ackWindowMinutes: 0), Party.Initiator, Now));
    }

    [Fact]
    public void OnlyTheInitiatorRaisesAnAlert()
    {
        Assert.False(AlertWorkflow.CanApply(null, Raise(), Party.Responder, Now));
        Assert.False(AlertWorkflow.CanApply(null, Raise(), Party.Unspecified, Now));
    }
}
