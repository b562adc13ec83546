using Liaison.Workflows.Calendar;

namespace Liaison.Workflows.Tests.Calendar;

public sealed class LegalDeadlinesTests
{
    private static readonly WorkingDayCalendar Vietnam = HolidayData.BuiltIn.CalendarFor(Country.Vietnam);
    private static readonly WorkingDayCalendar China = HolidayData.BuiltIn.CalendarFor(Country.China);

    [Fact]
    public void TwentyThenTenWorkingDaysFromARequestReceivedBeforeTetInVietnam()
    {
        // Thursday 5 February 2026: 6 and 9-13 Feb are days 1-6, Tết 14-22 Feb, then 23 Feb is day 7 ... 12 March day 20.
        var deadlines = LegalDeadlines.For(new DateOnly(2026, 2, 5), DeadlinePolicy.Default, Vietnam);

        Assert.Equal(new DateOnly(2026, 3, 12), deadlines.VerificationDue);
        Assert.Equal(new DateOnly(2026, 3, 26), deadlines.IdentificationDue);
    }

    [Fact]
    public void TheSameRequestVerifiedInChinaCountsTheMakeUpSaturdays()
    {
        // 14 and 28 February are worked in China, so verification is due a day earlier than in Vietnam.
        var deadlines = LegalDeadlines.For(new DateOnly(2026, 2, 5), DeadlinePolicy.Default, China);

        Assert.Equal(new DateOnly(2026, 3, 11), deadlines.VerificationDue);
        Assert.Equal(new DateOnly(2026, 3, 25), deadlines.IdentificationDue);
    }

    [Fact]
    public void APolicyCanShortenTheDeadlines()
    {
        var deadlines = LegalDeadlines.For(new DateOnly(2026, 2, 12), new DeadlinePolicy(2, 1), Vietnam);
        Assert.Equal(new DateOnly(2026, 2, 23), deadlines.VerificationDue);
        Assert.Equal(new DateOnly(2026, 2, 24), deadlines.IdentificationDue);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(20, 0)]
    [InlineData(-1, 10)]
    public void APolicyWithoutPositiveDaysIsRejected(int verify, int identify) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeadlinePolicy(verify, identify));

    [Fact]
    public void VerificationIsOverdueAtMidnightAfterTheDueDateInHoChiMinhCityTime()
    {
        var deadlines = LegalDeadlines.For(new DateOnly(2026, 2, 5), DeadlinePolicy.Default, Vietnam);
        var midnight = new DateTimeOffset(2026, 3, 12, 17, 0, 0, TimeSpan.Zero); // 13 March 00:00 at UTC+7

        Assert.Equal(midnight, OverdueRule.BecomesOverdueAt(deadlines.VerificationDue, LegalTimeZones.Vietnam));
        Assert.False(deadlines.IsOverdue(DeadlineKind.Verification, midnight.AddTicks(-1), LegalTimeZones.Vietnam));
        Assert.True(deadlines.IsOverdue(DeadlineKind.Verification, midnight, LegalTimeZones.Vietnam));
        Assert.False(deadlines.IsOverdue(DeadlineKind.Identification, midnight, LegalTimeZones.Vietnam));
    }

    [Fact]
    public void VerificationIsOverdueAtMidnightAfterTheDueDateInShanghaiTime()
    {
        var deadlines = LegalDeadlines.For(new DateOnly(2026, 2, 5), DeadlinePolicy.Default, China);
        var midnight = new DateTimeOffset(2026, 3, 12, 0, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(new DateTimeOffset(2026, 3, 11, 16, 0, 0, TimeSpan.Zero), midnight);
        Assert.False(deadlines.IsOverdue(DeadlineKind.Verification, midnight.AddTicks(-1), LegalTimeZones.China));
        Assert.True(deadlines.IsOverdue(DeadlineKind.Verification, midnight, LegalTimeZones.China));

        // The same instant is still 11 March, 23:00 in Vietnam.
        Assert.False(OverdueRule.IsOverdue(deadlines.VerificationDue, midnight, LegalTimeZones.Vietnam));
    }
}
