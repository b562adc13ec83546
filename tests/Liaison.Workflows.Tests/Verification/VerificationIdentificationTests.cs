using Liaison.Workflow.V1;
using Liaison.Workflows.Calendar;
using Liaison.Workflows.Verification;
using Microsoft.Extensions.Time.Testing;
using static Liaison.Workflows.Tests.Support.VerificationEvents;

namespace Liaison.Workflows.Tests.Verification;

/// <summary>
/// The identification deadline after the answer: which deadline runs, when it is overdue, and the further
/// answer that completes an identification the first answer left undetermined.
/// </summary>
public class VerificationIdentificationTests
{
    private static readonly TimeZoneInfo Beijing = LegalTimeZones.For(Country.China);

    // A request received in Yunnan on Monday 2 March 2026 (no holiday until Qingming on 4-6 April).
    private static readonly LegalDeadlines Due = LegalDeadlines.For(new DateOnly(2026, 3, 2), DeadlinePolicy.Default, HolidayData.BuiltIn.CalendarFor(Country.China));

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8)));

    private VerificationState Requested() => VerificationWorkflow.Apply(null, Request(), Party.Initiator, time.GetUtcNow());

    private VerificationState Answered(VerificationOutcome outcome, VictimDetermination determination) =>
        VerificationWorkflow.Apply(Requested(), Answer(outcome, determination), Party.Responder, time.GetUtcNow());

    private static DateTimeOffset OverdueFrom(DateOnly due) => OverdueRule.BecomesOverdueAt(due, Beijing);

    [Fact]
    public void AnUnansweredRequestIsOverdueByItsVerificationDeadline()
    {
        var requested = Requested();

        Assert.Equal(DeadlineKind.Verification, requested.RunningDeadline);
        Assert.Null(requested.OverdueDeadline(Due, OverdueFrom(Due.VerificationDue).AddSeconds(-1), Beijing));
        Assert.Equal(DeadlineKind.Verification, requested.OverdueDeadline(Due, OverdueFrom(Due.VerificationDue), Beijing));
    }

    [Theory]
    [InlineData(VerificationOutcome.Confirmed)]
    [InlineData(VerificationOutcome.PartialMatch)]
    public void APersonFoundButNotYetDeterminedIsOverdueOnlyOnceTheIdentificationDeadlinePasses(VerificationOutcome outcome)
    {
        var answered = Answered(outcome, VictimDetermination.Undetermined);

        Assert.True(answered.IsAwaitingIdentification);
        Assert.Equal(DeadlineKind.Identification, answered.RunningDeadline);
        Assert.Null(answered.OverdueDeadline(Due, OverdueFrom(Due.VerificationDue), Beijing));
        Assert.Null(answered.OverdueDeadline(Due, OverdueFrom(Due.IdentificationDue).AddSeconds(-1), Beijing));
        Assert.Equal(DeadlineKind.Identification, answered.OverdueDeadline(Due, OverdueFrom(Due.IdentificationDue), Beijing));
    }

    [Theory]
    [InlineData(VerificationOutcome.Confirmed, VictimDetermination.Victim)]
    [InlineData(VerificationOutcome.PartialMatch, VictimDetermination.NotVictim)]
    [InlineData(VerificationOutcome.NotFound, VictimDetermination.Undetermined)]
    public void ADeterminedOrNotFoundAnswerLeavesNoDeadlineRunning(VerificationOutcome outcome, VictimDetermination determination)
    {
        var answered = Answered(outcome, determination);

        Assert.False(answered.IsAwaitingIdentification);
        Assert.Null(answered.RunningDeadline);
        Assert.Null(answered.OverdueDeadline(Due, OverdueFrom(Due.IdentificationDue).AddDays(30), Beijing));
    }

    [Fact]
    public void AWithdrawnRequestIsNeverOverdue()
    {
        var withdrawn = VerificationWorkflow.Apply(Requested(), Withdraw(), Party.Initiator, time.GetUtcNow());

        Assert.Null(withdrawn.OverdueDeadline(Due, OverdueFrom(Due.IdentificationDue), Beijing));
    }

    [Fact]
    public void AFurtherAnswerWithADeterminationCompletesTheIdentificationAndKeepsTheAnswerTime()
    {
        var answered = Answered(VerificationOutcome.PartialMatch, VictimDetermination.Undetermined);
        var answeredAt = time.GetUtcNow();
        Assert.Null(answered.IdentifiedAt);
        time.Advance(TimeSpan.FromDays(9));

        var identified = VerificationWorkflow.Apply(answered, Answer(VerificationOutcome.Confirmed, VictimDetermination.Victim), Party.Responder, time.GetUtcNow());

        Assert.Equal(VerificationStatus.Answered, identified.Status);
        Assert.Equal((VerificationOutcome.Confirmed, VictimDetermination.Victim), (identified.Outcome, identified.Determination));
        Assert.Equal(answeredAt, identified.AnsweredAt);
        Assert.Equal(time.GetUtcNow(), identified.IdentifiedAt);
        Assert.Null(identified.RunningDeadline);
        Assert.Null(identified.OverdueDeadline(Due, OverdueFrom(Due.IdentificationDue), Beijing));
    }

    [Fact]
    public void AnAnswerWithADeterminationIsIdentifiedAtOnce()
    {
        Assert.Equal(time.GetUtcNow(), Answered(VerificationOutcome.Confirmed, VictimDetermination.Victim).IdentifiedAt);
    }

    [Fact]
    public void AFurtherAnswerIsRefusedUnlessItCompletesAnAwaitedIdentification()
    {
        var determined = Answered(VerificationOutcome.Confirmed, VictimDetermination.Victim);
        var awaiting = Answered(VerificationOutcome.Confirmed, VictimDetermination.Undetermined);

        var again = Assert.Throws<IllegalTransitionException>(() =>
            VerificationWorkflow.Apply(determined, Answer(VerificationOutcome.Confirmed, VictimDetermination.NotVictim), Party.Responder, time.GetUtcNow()));
        Assert.Equal("verification vr-1 is Answered; it cannot be answered", again.Message);

        var undetermined = Assert.Throws<IllegalTransitionException>(() =>
            VerificationWorkflow.Apply(awaiting, Answer(VerificationOutcome.Confirmed, VictimDetermination.Undetermined), Party.Responder, time.GetUtcNow()));
        Assert.Contains("may only complete the identification", undetermined.Message, StringComparison.Ordinal);
        Assert.False(VerificationWorkflow.CanApply(awaiting, Answer(VerificationOutcome.MoreInformationNeeded, VictimDetermination.Undetermined), Party.Responder, time.GetUtcNow()));
        Assert.False(VerificationWorkflow.CanApply(awaiting, Answer(VerificationOutcome.Confirmed, VictimDetermination.Victim), Party.Initiator, time.GetUtcNow()));
        Assert.False(VerificationWorkflow.CanApply(awaiting, Withdraw(), Party.Initiator, time.GetUtcNow()));
    }

    [Fact]
    public void WhileIdentificationIsAwaitedOnlyItsDeadlineIsReminded()
    {
        var awaiting = Answered(VerificationOutcome.Confirmed, VictimDetermination.Undetermined);
        var determined = Answered(VerificationOutcome.Confirmed, VictimDetermination.Victim);

        var reminded = VerificationWorkflow.Apply(awaiting, Remind(Reminder.Overdue(DeadlineKind.Identification)), Party.Initiator, time.GetUtcNow());
        Assert.Equal([Reminder.Overdue(DeadlineKind.Identification)], reminded.Reminders);

        var verification = Assert.Throws<IllegalTransitionException>(() =>
            VerificationWorkflow.Apply(awaiting, Remind(Reminder.Overdue(DeadlineKind.Verification)), Party.Initiator, time.GetUtcNow()));
        Assert.Contains("only the identification deadline still runs", verification.Message, StringComparison.Ordinal);
        var done = Assert.Throws<IllegalTransitionException>(() =>
            VerificationWorkflow.Apply(determined, Remind(Reminder.Overdue(DeadlineKind.Identification)), Party.Initiator, time.GetUtcNow()));
        Assert.Equal("verification vr-1 is Answered; it cannot be reminded of a deadline", done.Message);
    }

    private static WorkflowEvent Remind(Reminder reminder) => VerificationReminders.Step(Id, "vn-officer-7", reminder);
}
