using Liaison.Gateway.Storage;
using Liaison.Gateway.Tests.Grpc;
using Liaison.Gateway.Workflows;
using Liaison.Workflow.V1;
using Liaison.Workflows.Handover;
using Liaison.Workflows.Tests.Support;

namespace Liaison.Gateway.Tests.Workflows;

/// <summary>Folding steps that arrived out of order, or that the state machine refuses.</summary>
public sealed class WorkflowFoldTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    private readonly WorkflowFold fold = new(NodeDirectory.Agreement, new HandoverPolicy(WorkflowDefaults.BorderGates));

    [Fact]
    public void AStepThatArrivedBeforeTheStepItDependsOnAppliesOnceThatOneHas()
    {
        var close = Inbound(AlertEvents.Close("al-f-1"), sequence: 2, At);
        var raise = Inbound(AlertEvents.Raise(15, "al-f-1"), sequence: 1, At.AddSeconds(1));

        var folded = fold.Fold("al-f-1", [close, raise]);

        Assert.Equal("Closed", folded.StateName);
        Assert.Empty(folded.Conflicts);
        Assert.Equal(NodeDirectory.Yunnan, folded.InitiatorNode);
    }

    [Fact]
    public void APartnersStepTheMachineNeverAllowsIsKeptAsAConflictAndTheFoldGoesOn()
    {
        var raise = Inbound(AlertEvents.Raise(15, "al-f-2"), sequence: 1, At);
        // Yunnan raised the alert: it cannot acknowledge it itself.
        var ownAcknowledgement = Inbound(AlertEvents.Acknowledge("cn-duty-1", "al-f-2"), sequence: 2, At.AddSeconds(1));
        var close = Inbound(AlertEvents.Close("al-f-2"), sequence: 3, At.AddSeconds(2));

        var folded = fold.Fold("al-f-2", [raise, ownAcknowledgement, close]);

        Assert.Equal("Closed", folded.StateName);
        var conflict = Assert.Single(folded.Conflicts);
        Assert.Same(ownAcknowledgement, conflict.Step);
        Assert.Equal(2, folded.Steps.Count);
    }

    private static WorkflowStepRecord Inbound(WorkflowEvent step, ulong sequence, DateTimeOffset createdAt) => new(
        new MessageSummary
        {
            EnvelopeId = Guid.CreateVersion7(createdAt),
            Direction = MessageDirection.Inbound,
            PeerNode = NodeDirectory.Yunnan,
            MessageType = Liaison.Workflows.WorkflowEvents.MessageType(step),
            CaseReference = step.CaseReference,
            CorrelationId = step.WorkflowId,
            Sequence = sequence,
            State = MessageState.Stored,
            RejectionReason = Envelope.V1.RejectionReason.Unspecified,
            PayloadSize = 1,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        },
        step,
        NodeDirectory.Yunnan);
}
