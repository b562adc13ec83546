using Liaison.Workflow.V1;
using Liaison.Workflows.Criteria;
using Liaison.Workflows.Tests.Support;
using Liaison.Workflows.Verification;
using Microsoft.Extensions.Time.Testing;
using static Liaison.Workflows.Tests.Support.VerificationEvents;

namespace Liaison.Workflows.Tests.Verification;

public class VerificationWorkflowTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    private VerificationState Requested() => VerificationWorkflow.Apply(null, Request(), Party.Initiator, time.GetUtcNow());

    private VerificationState Withdrawn() => VerificationWorkflow.Apply(Requested(), Withdraw(), Party.Initiator, time.GetUtcNow());

    [Fact]
    public void ARequestOpensTheWorkflowWithTheRequestersCaseReferenceAndHandlingCode()
    {
        var state = Requested();

        Assert.Equal(VerificationStatus.Requested, state.Status);
        Assert.Equal("vr-1", state.WorkflowId);
        Assert.Equal("LC-2026-0042", state.RequesterCaseReference);
        Assert.Equal(HandlingCode.H1, state.Handling);
        Assert.Equal(time.GetUtcNow(), state.RequestedAt);
        Assert.False(state.IsFinal);
    }

    [Fact]
    public void AConfirmedAnswerIsFinalAndCarriesTheDeterminationAndTheCitedCriteria()
    {
        var requested = Requested();
        time.Advance(TimeSpan.FromDays(12));

        var answered = VerificationWorkflow.Apply(requested, Answer(VerificationOutcome.Confirmed), Party.Responder, time.GetUtcNow());

        Assert.Equal(VerificationStatus.Answered, answered.Status);
        Assert.Equal(VerificationOutcome.Confirmed, answered.Outcome);
        Assert.Equal(VictimDetermination.Victim, answered.Determination);
        Assert.Equal(CriteriaVersionId.From(CriteriaV1), answered.DeterminationCriteria);
        Assert.Equal("YN-2026-0007", answered.ResponderCaseReference);
        Assert.Equal(time.GetUtcNow(), answered.AnsweredAt);
        Assert.True(answered.IsFinal);
    }

    [Fact]
    public void MoreInformationNeededThenSuppliedThenAnsweredIsTheLoop()
    {
        var state = VerificationWorkflow.Apply(Requested(), Answer(VerificationOutcome.MoreInformationNeeded, VictimDetermination.Undetermined), Party.Responder, time.GetUtcNow());
        Assert.Equal(VerificationStatus.MoreInformationNeeded, state.Status);
        Assert.Null(state.AnsweredAt);

        state = VerificationWorkflow.Apply(state, SupplyInformation(), Party.Initiator, time.GetUtcNow());
        Assert.Equal(VerificationStatus.InformationSupplied, state.Status);

        state = VerificationWorkflow.Apply(state, Answer(VerificationOutcome.MoreInformationNeeded, VictimDetermination.Undetermined), Party.Responder, time.GetUtcNow());
        state = VerificationWorkflow.Apply(state, SupplyInformation(), Party.Initiator, time.GetUtcNow());
        state = VerificationWorkflow.Apply(state, Answer(VerificationOutcome.PartialMatch, VictimDetermination.NotVictim), Party.Responder, time.GetUtcNow());

        Assert.Equal(VerificationStatus.Answered, state.Status);
        Assert.Equal(2, state.InformationRounds);
        Assert.Equal(VerificationOutcome.PartialMatch, state.Outcome);
    }

    [Fact]
    public void TheRequesterMayWithdrawBeforeAFinalAnswer()
    {
        var state = Withdrawn();

        Assert.Equal(VerificationStatus.Withdrawn, state.Status);
        Assert.True(state.IsFinal);
    }

    [Fact]
    public void AnsweringAWithdrawnRequestIsRefusedInOneSentence()
    {
        var ex = Assert.Throws<IllegalTransitionException>(() =>
            VerificationWorkflow.Apply(Withdrawn(), Answer(VerificationOutcome.NotFound), Party.Responder, time.GetUtcNow()));

        Assert.Equal("verification vr-1 is Withdrawn; it cannot be answered", ex.Message);
        Assert.Equal(WorkflowKind.Verification, ex.Kind);
        Assert.Equal("Withdrawn", ex.CurrentState);
        Assert.Equal("verification.answer", ex.AttemptedStep);
        Assert.Equal("vr-1", ex.WorkflowId);
    }

    [Fact]
    public void TheRequesterCannotAnswerItsOwnRequest()
    {
        var ex = Assert.Throws<IllegalTransitionException>(() =>
            VerificationWorkflow.Apply(Requested(), Answer(VerificationOutcome.Confirmed), Party.Initiator, time.GetUtcNow()));

        Assert.Equal("verification vr-1 cannot be answered by the requesting side; only the responding side may do so", ex.Message);
    }

    [Fact]
    public void NoStepAppliesAfterWithdrawal()
    {
        var withdrawn = Withdrawn();

        Assert.False(VerificationWorkflow.CanApply(withdrawn, Withdraw(), Party.Initiator, time.GetUtcNow()));
        Assert.False(VerificationWorkflow.CanApply(withdrawn, SupplyInformation(), Party.Initiator, time.GetUtcNow()));
        Assert.False(VerificationWorkflow.CanApply(withdrawn, Request(), Party.Initiator, time.GetUtcNow()));
    }

    [Fact]
    public void AFinalAnswerCannotBeWithdrawnOrAnsweredAgain()
    {
        var answered = VerificationWorkflow.Apply(Requested(), Answer(VerificationOutcome.NotFound, VictimDetermination.Undetermined), Party.Responder, time.GetUtcNow());

        var ex = Assert.Throws<IllegalTransitionException>(() => VerificationWorkflow.Check(answered, Withdraw(), Party.Initiator, time.GetUtcNow()));
        Assert.Equal("verification vr-1 is Answered; it cannot be withdrawn", ex.Message);
        Assert.False(VerificationWorkflow.CanApply(answered, Answer(VerificationOutcome.Confirmed), Party.Responder, time.GetUtcNow()));
    }

    [Fact]
    public void InformationCannotBeSuppliedUnlessItWasAskedFor()
    {
        var ex = Assert.Throws<IllegalTransitionException>(() => VerificationWorkflow.Apply(Requested(), SupplyInformation(), Party.Initiator, time.GetUtcNow()));

        Assert.Equal("verification vr-1 is Requested; it cannot be given more information", ex.Message);
    }

    [Fact]
    public void AnAnswerBeforeAnyRequestIsRefused()
    {
        var ex = Assert.Throws<IllegalTransitionException>(() => VerificationWorkflow.Apply(null, Answer(VerificationOutcome.Confirmed), Party.Responder, time.GetUtcNow()));

        Assert.Equal("None", ex.CurrentState);
    }

    [Fact]
    public void AVictimDeterminationMustCiteTheCriteriaVersionItApplied()
    {
        var answer = Answer(VerificationOutcome.Confirmed);
        answer.VerificationAnswer.Criteria = null;

        var ex = Assert.Throws<IllegalTransitionException>(() => VerificationWorkflow.Apply(Requested(), answer, Party.Responder, time.GetUtcNow()));
        Assert.Contains("must cite the criteria version", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAnswerMustCarryTheRespondersOwnCaseReference()
    {
        var answer = Answer(VerificationOutcome.NotFound);
        answer.VerificationAnswer.ResponderCaseReference = "";

        Assert.False(VerificationWorkflow.CanApply(Requested(), answer, Party.Responder, time.GetUtcNow()));
    }

    [Fact]
    public void HandlingCodeH3RequiresAStatedRestriction()
    {
        Assert.Throws<IllegalTransitionException>(() => VerificationWorkflow.Apply(null, Request(code: HandlingCode.H3), Party.Initiator, time.GetUtcNow()));

        var state = VerificationWorkflow.Apply(null, Request(code: HandlingCode.H3, restriction: "Only for the Hekou public security bureau"), Party.Initiator, time.GetUtcNow());
        Assert.Equal(HandlingCode.H3, state.Handling);
    }

    [Fact]
    public void AnEventOfAnotherWorkflowIdIsRefused()
    {
        var ex = Assert.Throws<IllegalTransitionException>(() => VerificationWorkflow.Apply(Requested(), Withdraw(id: "vr-2"), Party.Initiator, time.GetUtcNow()));

        Assert.Equal("verification vr-1 cannot be withdrawn: the event belongs to workflow vr-2", ex.Message);
    }

    [Fact]
    public void AnAlertStepIsNotAVerificationStep()
    {
        var ex = Assert.Throws<IllegalTransitionException>(() => VerificationWorkflow.Apply(Requested(), AlertEvents.Raise(id: "vr-1"), Party.Initiator, time.GetUtcNow()));

        Assert.Equal("alert.raise", ex.AttemptedStep);
    }

    [Fact]
    public void AWorkflowIdOutsideTheReferenceSyntaxIsRefused()
    {
        Assert.False(VerificationWorkflow.CanApply(null, Request(id: "Nguyễn Thị Hoa"), Party.Initiator, time.GetUtcNow()));
        Assert.False(VerificationWorkflow.CanApply(null, Request(id: new string('a', 65)), Party.Initiator, time.GetUtcNow()));
        Assert.True(VerificationWorkflow.CanApply(null, Request(id: new string('a', 64)), Party.Initiator, time.GetUtcNow()));
    }

    [Fact]
    public void ApplyDoesNotChangeThePreviousState()
    {
        var requested = Requested();

        _ = VerificationWorkflow.Apply(requested, Withdraw(), Party.Initiator, time.GetUtcNow());

        Assert.Equal(VerificationStatus.Requested, requested.Status);
    }
}
