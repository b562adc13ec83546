using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Liaison.Workflow.V1;
using Liaison.Workflows.Handover;
using Liaison.Workflows.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static Liaison.Workflows.Tests.Support.HandoverEvents;

namespace Liaison.Workflows.Tests.Handover;

public class HandoverWorkflowTests
{
    private readonly FakeTimeProvider time = new(Start);
    private readonly HandoverWorkflow workflow = new(Policy, AgreementKeyVerifier.LaoCaiAndYunnan);
    private readonly HandoverPlan plan = Plan(Start.AddDays(5));

    private DateTimeOffset Now => time.GetUtcNow();

    private HandoverState Proposed() => workflow.Apply(null, Propose(plan), Party.Initiator, Now);

    private HandoverState Confirmed()
    {
        var state = workflow.Apply(Proposed(), Accept(), Party.Responder, Now);
        return workflow.Apply(state, Confirm(), Party.Initiator, Now);
    }

    private HandoverState RollCalled()
    {
        var confirmed = Confirmed();
        AtTheGate();
        return workflow.Apply(confirmed, RollCall(), Party.Responder, Now);
    }

    // The handover's day: half an hour into the agreed window (Start + 5 days, 4 hours long).
    private void AtTheGate()
    {
        var atTheGate = Start.AddDays(5).AddMinutes(30);
        if (Now < atTheGate)
        {
            time.SetUtcNow(atTheGate);
        }
    }

    private HandoverRecord TheRecord() => Record(plan, Start.AddDays(5).AddHours(1));

    private HandoverState SignedBy(HandoverState state, TestNode node, Party party, HandoverRecord record) =>
        workflow.Apply(state, Sign(record, node), party, Now);

    [Fact]
    public void TheWholeHandoverFromProposalToCompletion()
    {
        var state = Proposed();
        Assert.Equal(HandoverStatus.Proposed, state.Status);
        Assert.Equal(["p-1", "p-2", "p-3"], state.PersonIds.AsEnumerable());

        state = workflow.Apply(state, Accept(), Party.Responder, Now);
        Assert.Equal(HandoverStatus.Accepted, state.Status);
        state = workflow.Apply(state, Confirm(), Party.Initiator, Now);
        Assert.Equal(HandoverStatus.Confirmed, state.Status);

        AtTheGate();
        state = workflow.Apply(state, RollCall(), Party.Responder, Now);
        Assert.Equal(HandoverStatus.RollCalled, state.Status);
        Assert.Equal(["p-1", "p-2"], state.PresentPersonIds);
        Assert.Equal(RollCallPresence.Missing, state.RollCall["p-3"]);

        var record = TheRecord();
        state = SignedBy(state, TestNode.Yunnan, Party.Initiator, record);
        Assert.Equal(HandoverStatus.Signing, state.Status);
        state = SignedBy(state, TestNode.LaoCai, Party.Responder, record);
        Assert.True(state.SignedByBothOverSameDigest);

        state = workflow.Apply(state, Complete(record), Party.Responder, Now);
        Assert.Equal(HandoverStatus.Completed, state.Status);
        Assert.Equal(Now, state.CompletedAt);
        Assert.True(state.IsFinal);
    }

    [Fact]
    public void ARollCallBeforeConfirmationIsRefused()
    {
        var accepted = workflow.Apply(Proposed(), Accept(), Party.Responder, Now);

        var ex = Assert.Throws<IllegalTransitionException>(() => workflow.Apply(accepted, RollCall(), Party.Responder, Now));

        Assert.Equal("handover ho-1 is Accepted; it cannot be roll-called", ex.Message);
        Assert.Equal("handover.roll_call", ex.AttemptedStep);
    }

    [Fact]
    public void CompletingARecordSignedByOnlyOneSideIsRefused()
    {
        var record = TheRecord();
        var oneSigned = SignedBy(RollCalled(), TestNode.Yunnan, Party.Initiator, record);

        var ex = Assert.Throws<IllegalTransitionException>(() => workflow.Apply(oneSigned, Complete(record), Party.Initiator, Now));

        Assert.Equal("handover ho-1 cannot be completed: only the opening side has signed the handover record; an officer of each side must sign the same record", ex.Message);
    }

    [Fact]
    public void CompletingWhenTheSidesSignedDifferentRecordsIsRefused()
    {
        var record = TheRecord();
        var other = record.Clone();
        other.Belongings[0].Quantity = 2;
        var state = SignedBy(RollCalled(), TestNode.Yunnan, Party.Initiator, record);
        state = SignedBy(state, TestNode.LaoCai, Party.Responder, other);

        var ex = Assert.Throws<IllegalTransitionException>(() => workflow.Apply(state, Complete(record), Party.Initiator, Now));

        Assert.Contains("signed different handover records", ex.Message, StringComparison.Ordinal);
        Assert.False(state.SignedByBothOverSameDigest);
    }

    [Fact]
    public void AfterDifferentRecordsOneSideMaySignTheOthersRecordAndThenItCompletes()
    {
        var record = TheRecord();
        var other = record.Clone();
        other.Belongings[0].Quantity = 2;
        var state = SignedBy(RollCalled(), TestNode.Yunnan, Party.Initiator, record);
        state = SignedBy(state, TestNode.LaoCai, Party.Responder, other);
        state = SignedBy(state, TestNode.LaoCai, Party.Responder, record);

        Assert.Equal(HandoverStatus.Completed, workflow.Apply(state, Complete(record), Party.Initiator, Now).Status);
    }

    [Fact]
    public void CompletionMustNameTheDigestBothSidesSigned()
    {
        var record = TheRecord();
        var other = record.Clone();
        other.Belongings[0].Quantity = 2;
        var state = SignedBy(RollCalled(), TestNode.Yunnan, Party.Initiator, record);
        state = SignedBy(state, TestNode.LaoCai, Party.Responder, record);

        Assert.False(workflow.CanApply(state, Complete(other), Party.Initiator, Now));
    }

    [Fact]
    public void CompletingWithNoSignatureAtAllIsRefused()
    {
        var ex = Assert.Throws<IllegalTransitionException>(() => workflow.Apply(RollCalled(), Complete(TheRecord()), Party.Initiator, Now));

        Assert.Equal("handover ho-1 is RollCalled; it cannot be completed", ex.Message);
    }

    [Fact]
    public void BothSignaturesFromOneNodeAreRefused()
    {
        var record = TheRecord();
        var state = SignedBy(RollCalled(), TestNode.Yunnan, Party.Initiator, record);

        var ex = Assert.Throws<IllegalTransitionException>(() => SignedBy(state, TestNode.Yunnan, Party.Responder, record));
        Assert.Contains("each side signs with its own node's key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordSignatureThatDoesNotVerifyIsRefused()
    {
        var record = TheRecord();
        var step = Sign(record, TestNode.Yunnan);
        step.HandoverRecordSignature.Signature.KeyId = TestNode.LaoCai.KeyId;

        Assert.False(workflow.CanApply(RollCalled(), step, Party.Initiator, Now));
    }

    [Fact]
    public void ARecordThatListsAMissingPersonIsRefused()
    {
        var record = TheRecord();
        record.People.Add(plan.People[2]);

        var ex = Assert.Throws<IllegalTransitionException>(() => SignedBy(RollCalled(), TestNode.Yunnan, Party.Initiator, record));
        Assert.Contains("exactly the people present at the roll-call", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordOfAnotherHandoverIsRefused()
    {
        var record = Record(plan, Start.AddDays(5), id: "ho-2");

        Assert.False(workflow.CanApply(RollCalled(), Sign(record, TestNode.Yunnan), Party.Initiator, Now));
    }

    [Fact]
    public void ARollCallMustCoverEveryoneAndGiveAReasonForTheMissing()
    {
        var confirmed = Confirmed();
        var incomplete = RollCall();
        incomplete.HandoverRollCall.Entries.RemoveAt(2);
        var noReason = RollCall();
        noReason.HandoverRollCall.Entries[2].Reason = null;
        AtTheGate();
        Assert.True(workflow.CanApply(confirmed, RollCall(), Party.Responder, Now));

        Assert.False(workflow.CanApply(confirmed, incomplete, Party.Responder, Now));
        Assert.False(workflow.CanApply(confirmed, noReason, Party.Responder, Now));
    }

    [Fact]
    public void LessThanThreeDaysNoticeIsRefused()
    {
        var ex = Assert.Throws<IllegalTransitionException>(() =>
            workflow.Apply(null, Propose(Plan(Start.AddDays(3).AddMinutes(-1))), Party.Initiator, Now));

        Assert.Contains("at least 3 days' notice is required", ex.Message, StringComparison.Ordinal);
        Assert.True(workflow.CanApply(null, Propose(Plan(Start.AddDays(3))), Party.Initiator, Now));
    }

    [Fact]
    public void TheNoticeIsAParameter()
    {
        var sameDay = new HandoverWorkflow(new HandoverPolicy([LaoCaiGate], minimumNoticeDays: 0), AgreementKeyVerifier.LaoCaiAndYunnan);

        Assert.True(sameDay.CanApply(null, Propose(Plan(Start.AddHours(2))), Party.Initiator, Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HandoverPolicy([LaoCaiGate], -1));
    }

    [Fact]
    public void ARollCallDaysBeforeTheAgreedWindowIsRefusedInTheGatesLocalTime()
    {
        var confirmed = Confirmed();

        var ex = Assert.Throws<IllegalTransitionException>(() => workflow.Apply(confirmed, RollCall(), Party.Responder, Now));

        // Start is 2026-04-01 02:00 UTC, 09:00 in Lao Cai; the window opens five days later.
        Assert.Equal(
            "handover ho-1 cannot be roll-called: the roll-call at 2026-04-01 09:00 is before the agreed window at gate VN-LAOCAI/CN-HEKOU, "
            + "2026-04-06 09:00 to 2026-04-06 13:00 (Asia/Ho_Chi_Minh); it may be held from 2026-04-06 07:00 to 2026-04-06 15:00, 2 hours either side of the window",
            ex.Message);
        Assert.Equal("Confirmed", ex.CurrentState);
        Assert.Equal(HandoverStatus.Confirmed, confirmed.Status);
    }

    [Fact]
    public void ARollCallIsHeldWithinTheWindowGiveOrTakeTheTolerance()
    {
        var confirmed = Confirmed();
        var (opens, closes) = (Start.AddDays(5), Start.AddDays(5).AddHours(4));
        var tolerance = HandoverPolicy.DefaultRollCallTolerance;

        Assert.True(workflow.CanApply(confirmed, RollCall(), Party.Responder, opens - tolerance));
        Assert.True(workflow.CanApply(confirmed, RollCall(), Party.Responder, closes + tolerance));
        Assert.False(workflow.CanApply(confirmed, RollCall(), Party.Responder, opens - tolerance - TimeSpan.FromSeconds(1)));
        var late = Assert.Throws<IllegalTransitionException>(() => workflow.Apply(confirmed, RollCall(), Party.Responder, closes + tolerance + TimeSpan.FromSeconds(1)));
        Assert.Contains("is after the agreed window", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRollCallToleranceIsAParameter()
    {
        var strict = new HandoverWorkflow(new HandoverPolicy([LaoCaiGate], rollCallTolerance: TimeSpan.Zero), AgreementKeyVerifier.LaoCaiAndYunnan);
        var state = strict.Apply(null, Propose(plan), Party.Initiator, Now);
        state = strict.Apply(state, Accept(), Party.Responder, Now);
        state = strict.Apply(state, Confirm(), Party.Initiator, Now);

        Assert.False(strict.CanApply(state, RollCall(), Party.Responder, Start.AddDays(5).AddMinutes(-1)));
        Assert.True(strict.CanApply(state, RollCall(), Party.Responder, Start.AddDays(5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HandoverPolicy([LaoCaiGate], rollCallTolerance: TimeSpan.FromMinutes(-1)));
    }

    [Fact]
    public void AGateIsConfiguredOnceWithItsNamesAndTheFoldedPlanKnowsThem()
    {
        Assert.Throws<ArgumentException>(() => new HandoverPolicy([LaoCaiGate, LaoCaiGate]));
        Assert.Throws<ArgumentException>(() => new HandoverPolicy([]));
        Assert.Throws<ArgumentException>(() => new BorderGate(Gate, "Lào Cai", " ", "Lao Cai", Liaison.Workflows.Calendar.LegalTimeZones.Vietnam));

        var proposed = Proposed();

        Assert.Same(LaoCaiGate, proposed.Gate);
        Assert.Equal("老街—河口国际口岸", proposed.Gate!.Name(Liaison.Workflows.Localization.Language.Zh));
    }

    [Fact]
    public void AGateThatIsNotConfiguredIsRefused()
    {
        var ex = Assert.Throws<IllegalTransitionException>(() =>
            workflow.Apply(null, Propose(Plan(Start.AddDays(5), gate: "VN-HAGIANG/CN-TIANBAO")), Party.Initiator, Now));

        Assert.Contains("is not one of the configured gates", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMinorMustAccompanyAnAdultOfTheSamePlan()
    {
        var orphaned = Plan(Start.AddDays(5));
        orphaned.People[1].AccompaniesPersonId = "p-9";

        Assert.False(workflow.CanApply(null, Propose(orphaned), Party.Initiator, Now));
    }

    [Fact]
    public void ACounterProposalIsAnsweredByTheFirstSideAndConfirmedByItsAuthor()
    {
        var counterPlan = Plan(Start.AddDays(8));
        var state = workflow.Apply(Proposed(), CounterPropose(counterPlan), Party.Responder, Now);
        Assert.Equal(HandoverStatus.CounterProposed, state.Status);
        Assert.Equal(Start.AddDays(8), state.WindowStart);

        Assert.False(workflow.CanApply(state, Accept(), Party.Responder, Now));
        state = workflow.Apply(state, Accept(), Party.Initiator, Now);

        Assert.False(workflow.CanApply(state, Confirm(), Party.Initiator, Now));
        Assert.Equal(HandoverStatus.Confirmed, workflow.Apply(state, Confirm(), Party.Responder, Now).Status);
    }

    [Fact]
    public void TheProposerCannotAcceptItsOwnProposal()
    {
        var ex = Assert.Throws<IllegalTransitionException>(() => workflow.Apply(Proposed(), Accept(), Party.Initiator, Now));

        Assert.Equal("handover ho-1 cannot be accepted by the side that made the pending proposal; only the other side may do so", ex.Message);
    }

    [Fact]
    public void ADeclinedHandoverTakesNoFurtherStep()
    {
        var declined = workflow.Apply(Proposed(), Decline(), Party.Responder, Now);

        Assert.Equal(HandoverStatus.Declined, declined.Status);
        Assert.False(workflow.CanApply(declined, Accept(), Party.Responder, Now));
        Assert.False(workflow.CanApply(declined, Cancel(), Party.Initiator, Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void EitherSideMayCancelAtAnyPointBeforeCompletion(int stage)
    {
        var record = TheRecord();
        var state = stage switch
        {
            0 => Proposed(),
            1 => workflow.Apply(Proposed(), Accept(), Party.Responder, Now),
            2 => Confirmed(),
            3 => RollCalled(),
            _ => SignedBy(RollCalled(), TestNode.Yunnan, Party.Initiator, record),
        };

        var cancelled = workflow.Apply(state, Cancel(), stage % 2 == 0 ? Party.Initiator : Party.Responder, Now);

        Assert.Equal(HandoverStatus.Cancelled, cancelled.Status);
        Assert.Equal(Now, cancelled.EndedAt);
    }

    [Fact]
    public void NoStepAppliesAfterCancellation()
    {
        var cancelled = workflow.Apply(Confirmed(), Cancel(), Party.Initiator, Now);

        var ex = Assert.Throws<IllegalTransitionException>(() => workflow.Apply(cancelled, RollCall(), Party.Responder, Now));
        Assert.Equal("handover ho-1 is Cancelled; it cannot be roll-called", ex.Message);
        Assert.False(workflow.CanApply(cancelled, Cancel(), Party.Initiator, Now));
    }

    [Fact]
    public void NoStepAppliesAfterCompletion()
    {
        var record = TheRecord();
        var state = SignedBy(RollCalled(), TestNode.Yunnan, Party.Initiator, record);
        state = SignedBy(state, TestNode.LaoCai, Party.Responder, record);
        var completed = workflow.Apply(state, Complete(record), Party.Initiator, Now);

        var ex = Assert.Throws<IllegalTransitionException>(() => workflow.Apply(completed, Cancel(), Party.Initiator, Now));
        Assert.Equal("handover ho-1 is Completed; it cannot be cancelled", ex.Message);
        Assert.False(workflow.CanApply(completed, Sign(record, TestNode.LaoCai), Party.Responder, Now));
    }

    [Fact]
    public void ACancellationNeedsAReason()
    {
        var cancel = Cancel();
        cancel.HandoverCancellation.Reason = null;

        Assert.False(workflow.CanApply(Proposed(), cancel, Party.Initiator, Now));
    }

    [Fact]
    public void TheRecordDigestCoversEveryFieldThatIsHandedOver()
    {
        var record = TheRecord();
        var moved = record.Clone();
        moved.HandedOverAt = Timestamp.FromDateTimeOffset(Start.AddDays(6));

        Assert.NotEqual(HandoverRecordDigest.Of(record), HandoverRecordDigest.Of(moved));
        Assert.Equal(HandoverRecordDigest.Of(record), HandoverRecordDigest.Of(HandoverRecord.Parser.ParseFrom(record.ToByteArray())));
    }
}
