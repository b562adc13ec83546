using Liaison.Workflows.Calendar;

namespace Liaison.Workflows.Tests.Calendar;

public sealed class ReminderScheduleTests
{
    private static readonly WorkingDayCalendar Vietnam = HolidayData.BuiltIn.CalendarFor(Country.Vietnam);
    private static readonly TimeZoneInfo Zone = LegalTimeZones.Vietnam;

    // Verification due Thursday 12 March 2026: 5 working days before is Thursday 5 March, 1 before is Wednesday 11 March.
    private static readonly LegalDeadlines Deadlines = LegalDeadlines.For(new DateOnly(2026, 2, 5), DeadlinePolicy.Default, Vietnam);

    private static DateTimeOffset Local(int month, int day, int hour = 0) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(7));

    private static Reminder[] Due(DateTimeOffset now, params Reminder[] sent) =>
        [.. ReminderSchedule.Default.Due(Deadlines, [DeadlineKind.Verification], Vietnam, Zone, now, sent)];

    [Fact]
    public void NothingIsDueBeforeTheFirstReminder() =>
        Assert.Empty(Due(Local(3, 5).AddTicks(-1)));

    [Fact]
    public void TheFiveDayReminderFiresAtTheStartOfItsWorkingDay() =>
        Assert.Equal([Reminder.Before(DeadlineKind.Verification, 5)], Due(Local(3, 5)));

    [Fact]
    public void AReminderAlreadySentIsNotDueAgain() =>
        Assert.Empty(Due(Local(3, 10, 15), Reminder.Before(DeadlineKind.Verification, 5)));

    [Fact]
    public void TheOneDayReminderSupersedesAMissedFiveDayReminder() =>
        Assert.Equal([Reminder.Before(DeadlineKind.Verification, 1)], Due(Local(3, 11, 9)));

    [Fact]
    public void TheOverdueNoticeFiresWhenTheDeadlinePasses()
    {
        var sent = new[] { Reminder.Before(DeadlineKind.Verification, 5), Reminder.Before(DeadlineKind.Verification, 1) };
        Assert.Empty(Due(Local(3, 13).AddTicks(-1), sent));
        Assert.Equal([Reminder.Overdue(DeadlineKind.Verification)], Due(Local(3, 13), sent));
        Assert.Empty(Due(Local(3, 20), [.. sent, Reminder.Overdue(DeadlineKind.Verification)]));
    }

    [Fact]
    public void OnlyOpenDeadlinesAreReminded()
    {
        var now = Local(3, 13);
        Assert.Empty(ReminderSchedule.Default.Due(Deadlines, [], Vietnam, Zone, now, []));
        var both = ReminderSchedule.Default.Due(Deadlines, [DeadlineKind.Identification, DeadlineKind.Verification], Vietnam, Zone, now, []);
        Assert.Equal([Reminder.Overdue(DeadlineKind.Verification)], both.ToArray()); // identification (26 March) has no reminder yet
    }

    [Fact]
    public void RemindersCountBackInWorkingDaysOverTheWeekend()
    {
        // Identification due 26 March; five working days before, counting back, is 19 March.
        var schedule = ReminderSchedule.Default.For(DeadlineKind.Identification, Deadlines, Vietnam, Zone);
        Assert.Equal(Local(3, 19), schedule[0].FiresAt);
        Assert.Equal(Local(3, 25), schedule[1].FiresAt);
        Assert.Equal(Local(3, 27), schedule[2].FiresAt);
    }

    [Fact]
    public void OffsetsMustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReminderSchedule([5, 0]));
}
