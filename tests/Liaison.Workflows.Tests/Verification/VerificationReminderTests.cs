using Liaison.Workflow.V1;
using Liaison.Workflows.Calendar;
using Liaison.Workflows.Verification;
using Microsoft.Extensions.Time.Testing;
using static Liaison.Workflows.Tests.Support.VerificationEvents;

namespace Liaison.Workflows.Tests.Verification;

public class VerificationReminderTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    private VerificationState Requested() => VerificationWorkflow.Apply(null, Request(), Party.Initiator, time.GetUtcNow());

    private static WorkflowEvent Remind(Reminder reminder) => VerificationReminders.Step(Id, "vn-officer-7", reminder);

    [Fact]
    public void AReminderIsRecordedWithoutChangingTheStatus()
    {
        var requested = Requested();
        time.Advance(TimeSpan.FromDays(20));

        var reminded = VerificationWorkflow.Apply(requested, Remind(Reminder.Before(DeadlineKind.Verification, 5)), Party.Initiator, time.GetUtcNow());

        Assert.Equal(VerificationStatus.Requested, reminded.Status);
        Assert.Equal([Reminder.Before(DeadlineKind.Verification, 5)], reminded.Reminders);
        Assert.Equal(time.GetUtcNow(), reminded.UpdatedAt);
        Assert.Empty(requested.Reminders);
    }

    [Fact]
    public void EitherSideMayRemindInEveryOpenState()
    {
        var requested = Requested();
        var moreInformation = VerificationWorkflow.Apply(requested, Answer(VerificationOutcome.MoreInformationNeeded, VictimDetermination.Undetermined), Party.Responder, time.GetUtcNow());
        var supplied = VerificationWorkflow.Apply(moreInformation, SupplyInformation(), Party.Initiator, time.GetUtcNow());

        foreach (var state in new[] { requested, moreInformation, supplied })
        {
            foreach (var party in new[] { Party.Initiator, Party.Responder })
            {
                var reminded = VerificationWorkflow.Apply(state, Remind(Reminder.Overdue(DeadlineKind.Identification)), party, time.GetUtcNow());
                Assert.Equal(state.Status, reminded.Status);
            }
        }
    }

    [Fact]
    public void NoReminderAfterAFinalAnswerOrAWithdrawal()
    {
        var answered = VerificationWorkflow.Apply(Requested(), Answer(VerificationOutcome.NotFound, VictimDetermination.Undetermined), Party.Responder, time.GetUtcNow());
        var withdrawn = VerificationWorkflow.Apply(Requested(), Withdraw(), Party.Initiator, time.GetUtcNow());

        var ex = Assert.Throws<IllegalTransitionException>(() => VerificationWorkflow.Apply(answered, Remind(Reminder.Overdue(DeadlineKind.Verification)), Party.Initiator, time.GetUtcNow()));
        Assert.Equal("verification vr-1 is Answered; it cannot be reminded of a deadline", ex.Message);
        Assert.False(VerificationWorkflow.CanApply(withdrawn, Remind(Reminder.Overdue(DeadlineKind.Verification)), Party.Initiator, time.GetUtcNow()));
        Assert.False(VerificationWorkflow.CanApply(null, Remind(Reminder.Overdue(DeadlineKind.Verification)), Party.Initiator, time.GetUtcNow()));
    }

    [Fact]
    public void TheSameReminderIsNotRecordedTwice()
    {
        var once = VerificationWorkflow.Apply(Requested(), Remind(Reminder.Before(DeadlineKind.Verification, 1)), Party.Initiator, time.GetUtcNow());

        var ex = Assert.Throws<IllegalTransitionException>(() => VerificationWorkflow.Apply(once, Remind(Reminder.Before(DeadlineKind.Verification, 1)), Party.Initiator, time.GetUtcNow()));
        Assert.Contains("this reminder was sent already", ex.Message, StringComparison.Ordinal);
        var other = VerificationWorkflow.Apply(once, Remind(Reminder.Before(DeadlineKind.Identification, 1)), Party.Initiator, time.GetUtcNow());
        Assert.Equal(2, other.Reminders.Count);
    }

    [Theory]
    [InlineData(ReminderDeadline.Unspecified, 5, false, "must name the verification or the identification deadline")]
    [InlineData(ReminderDeadline.Verification, 0, false, "at least 1")]
    [InlineData(ReminderDeadline.Verification, -3, false, "at least 1")]
    [InlineData(ReminderDeadline.Identification, 1, true, "an overdue notice has no working days left")]
    public void AMalformedReminderIsRefused(ReminderDeadline deadline, int daysLeft, bool overdue, string reason)
    {
        var step = new WorkflowEvent
        {
            WorkflowId = Id,
            OfficerId = "vn-officer-7",
            VerificationReminder = new VerificationReminder { Deadline = deadline, WorkingDaysLeft = daysLeft, Overdue = overdue },
        };

        var ex = Assert.Throws<IllegalTransitionException>(() => VerificationWorkflow.Apply(Requested(), step, Party.Initiator, time.GetUtcNow()));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStepRoundTripsTheCalendarsReminder()
    {
        foreach (var reminder in new[] { Reminder.Before(DeadlineKind.Verification, 5), Reminder.Before(DeadlineKind.Identification, 1), Reminder.Overdue(DeadlineKind.Verification) })
        {
            var step = Remind(reminder);

            Assert.Equal(reminder, VerificationReminders.From(step.VerificationReminder));
            Assert.Equal("verification.reminder", WorkflowEvents.MessageType(step));
            Assert.Equal(PriorityHint.Routine, WorkflowEvents.Priority(step));
        }
    }
}
