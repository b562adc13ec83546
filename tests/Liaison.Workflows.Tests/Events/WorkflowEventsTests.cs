using Liaison.Crypto;
using Liaison.Workflow.V1;
using Liaison.Workflows.Tests.Support;
using Case = Liaison.Workflow.V1.WorkflowEvent.EventOneofCase;

namespace Liaison.Workflows.Tests.Events;

public class WorkflowEventsTests
{
    public static TheoryData<Case> AllSteps() => [.. Enum.GetValues<Case>().Where(c => c != Case.None)];

    [Theory]
    [MemberData(nameof(AllSteps))]
    public void EveryStepHasAMessageTypeTheEnvelopeAccepts(Case step)
    {
        var type = WorkflowEvents.MessageType(step);

        Assert.True(Identifiers.IsMessageType(type), type);
        Assert.StartsWith(WorkflowEvents.Kind(step).ToString().ToLowerInvariant() + ".", type, StringComparison.Ordinal);
    }

    [Fact]
    public void MessageTypesAreUnique()
    {
        var types = WorkflowEvents.Steps.Select(WorkflowEvents.MessageType).ToList();

        Assert.Equal(types.Count, types.Distinct().Count());
        Assert.Equal(AllSteps().Count, types.Count);
    }

    [Fact]
    public void TheNamedMessageTypes()
    {
        Assert.Equal("verification.request", WorkflowEvents.MessageType(Case.VerificationRequest));
        Assert.Equal("verification.answer", WorkflowEvents.MessageType(Case.VerificationAnswer));
        Assert.Equal("criteria.proposal", WorkflowEvents.MessageType(Case.CriteriaProposal));
        Assert.Equal("handover.record_signature", WorkflowEvents.MessageType(Case.HandoverRecordSignature));
        Assert.Equal("alert.raise", WorkflowEvents.MessageType(Case.AlertRaise));
        Assert.Equal("alert.acknowledge", WorkflowEvents.MessageType(Case.AlertAcknowledgement));
    }

    [Fact]
    public void AlertsAreUrgentAndAnUrgentRequestIsHigh()
    {
        Assert.Equal(PriorityHint.Urgent, WorkflowEvents.Priority(AlertEvents.Raise()));
        Assert.Equal(PriorityHint.Urgent, WorkflowEvents.Priority(AlertEvents.Acknowledge()));
        Assert.Equal(PriorityHint.High, WorkflowEvents.Priority(VerificationEvents.Request()));
        Assert.Equal(PriorityHint.Routine, WorkflowEvents.Priority(VerificationEvents.Withdraw()));
        Assert.Equal(PriorityHint.Routine, WorkflowEvents.Priority(HandoverEvents.Accept()));
    }

    [Fact]
    public void AnEventWithoutAStepHasNoMessageType()
    {
        Assert.Throws<ArgumentException>(() => WorkflowEvents.MessageType(new WorkflowEvent { WorkflowId = "x" }));
    }

    [Fact]
    public void EveryTableRowBelongsToItsWorkflow()
    {
        Assert.All(Workflows.Verification.VerificationWorkflow.Table.Rows, r => Assert.Equal(WorkflowKind.Verification, WorkflowEvents.Kind(r.Step)));
        Assert.All(Workflows.Criteria.CriteriaWorkflow.Table.Rows, r => Assert.Equal(WorkflowKind.Criteria, WorkflowEvents.Kind(r.Step)));
        Assert.All(Workflows.Handover.HandoverWorkflow.Table.Rows, r => Assert.Equal(WorkflowKind.Handover, WorkflowEvents.Kind(r.Step)));
        Assert.All(Workflows.Alerts.AlertWorkflow.Table.Rows, r => Assert.Equal(WorkflowKind.Alert, WorkflowEvents.Kind(r.Step)));
    }

    [Fact]
    public void EveryStepHasARowInItsWorkflowsTable()
    {
        var covered = Workflows.Verification.VerificationWorkflow.Table.Rows.Select(r => r.Step)
            .Concat(Workflows.Criteria.CriteriaWorkflow.Table.Rows.Select(r => r.Step))
            .Concat(Workflows.Handover.HandoverWorkflow.Table.Rows.Select(r => r.Step))
            .Concat(Workflows.Alerts.AlertWorkflow.Table.Rows.Select(r => r.Step))
            .ToHashSet();

        Assert.Equal(WorkflowEvents.Steps.ToHashSet(), covered);
    }

    [Fact]
    public void ATableWithTheSameTransitionTwiceIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new TransitionTable<Workflows.Alerts.AlertStatus>(WorkflowKind.Alert,
        [
            new(null, Case.AlertRaise, StepActor.Initiator),
            new(null, Case.AlertRaise, StepActor.Responder),
        ]));
    }
}
