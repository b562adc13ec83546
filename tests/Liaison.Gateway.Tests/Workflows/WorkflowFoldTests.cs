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

    [Fact]
    public void APartnersRollCallIsHeldToTheWindowAtTheTimeItsAuthorTookItNotWhenItArrivedHere()
    {
        var windowStart = At.AddDays(4);
        WorkflowStepRecord[] agreed =
        [
            Inbound(HandoverEvents.Propose(HandoverEvents.Plan(windowStart)), sequence: 1, At),
            Outbound(HandoverEvents.Accept(), sequence: 1, At.AddMinutes(1)),
            Inbound(HandoverEvents.Confirm(), sequence: 2, At.AddMinutes(2)),
        ];
        // Called at Yunnan half an hour into the window (4 hours, give or take 2); the link between
        // the brokers was down, and it reached Lao Cai ten hours later.
        var delayed = Inbound(HandoverEvents.RollCall(), sequence: 3, windowStart.AddHours(10), sealedAt: windowStart.AddMinutes(30));
        // Called a minute after the window and its tolerance closed, and delivered at once.
        var late = Inbound(HandoverEvents.RollCall(), sequence: 3, windowStart.AddHours(6).AddMinutes(1));

        var onTime = fold.Fold(HandoverEvents.Id, [.. agreed, delayed]);
        var tooLate = fold.Fold(HandoverEvents.Id, [.. agreed, late]);

        Assert.Equal("RollCalled", onTime.StateName);
        Assert.Empty(onTime.Conflicts);
        Assert.Equal("Confirmed", tooLate.StateName);
        Assert.Contains("is after the agreed window", Assert.Single(tooLate.Conflicts).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void APartnersProposalIsHeldToTheNoticeAtTheTimeItsAuthorMadeItNotWhenItArrivedHere()
    {
        var windowStart = At.AddDays(HandoverPolicy.DefaultMinimumNoticeDays).AddHours(1);
        // Proposed at Yunnan with an hour more than the minimum notice; the link between the brokers
        // was down, and it reached Lao Cai two hours later, when less than the notice was left.
        var delayed = Inbound(HandoverEvents.Propose(HandoverEvents.Plan(windowStart)), sequence: 1, At.AddHours(2), sealedAt: At);
        // Proposed at the same later moment, and delivered at once: too short a notice.
        var tooShort = Inbound(HandoverEvents.Propose(HandoverEvents.Plan(windowStart)), sequence: 1, At.AddHours(2));

        Assert.Equal("Proposed", fold.Fold(HandoverEvents.Id, [delayed]).StateName);
        Assert.Empty(fold.Fold(HandoverEvents.Id, [delayed]).Conflicts);
        Assert.Single(fold.Fold(HandoverEvents.Id, [tooShort]).Conflicts);
    }

    [Fact]
    public void APartnersClockRunningFastGainsNothing()
    {
        var windowStart = At.AddDays(HandoverPolicy.DefaultMinimumNoticeDays).AddHours(1);
        // Its envelope id claims a time after it reached this node: the time it was recorded counts.
        var fromTheFuture = Inbound(HandoverEvents.Propose(HandoverEvents.Plan(windowStart)), sequence: 1, At.AddHours(2), sealedAt: At.AddDays(1));

        Assert.Equal(At.AddHours(2), WorkflowFold.StepTime(fromTheFuture));
    }

    private static WorkflowStepRecord Outbound(WorkflowEvent step, ulong sequence, DateTimeOffset createdAt) =>
        Inbound(step, sequence, createdAt) with
        {
            Message = Inbound(step, sequence, createdAt).Message with { Direction = MessageDirection.Outbound },
            AuthorNode = NodeDirectory.LaoCai,
        };

    private static WorkflowStepRecord Inbound(WorkflowEvent step, ulong sequence, DateTimeOffset createdAt, DateTimeOffset? sealedAt = null) => new(
        new MessageSummary
        {
            EnvelopeId = Guid.CreateVersion7(sealedAt ?? createdAt),
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
