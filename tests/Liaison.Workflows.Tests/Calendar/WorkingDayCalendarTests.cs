using Liaison.Workflows.Calendar;

namespace Liaison.Workflows.Tests.Calendar;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Vietnam = HolidayData.BuiltIn.CalendarFor(Country.Vietnam);
    private static readonly WorkingDayCalendar China = HolidayData.BuiltIn.CalendarFor(Country.China);
    private static readonly WorkingDayCalendar Both = HolidayData.BuiltIn.CalendarForBothCountries();

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Theory]
    [InlineData(13, true)] // Friday before Tết
    [InlineData(14, false)] // Saturday, start of the nine-day break
    [InlineData(16, false)]
    [InlineData(17, false)] // Tết (mùng 1)
    [InlineData(20, false)]
    [InlineData(22, false)]
    [InlineData(23, true)] // back to work
    public void VietnamTet2026RunsFromTheFourteenthToTheTwentySecondOfFebruary(int day, bool working) =>
        Assert.Equal(working, Vietnam.IsWorkingDay(D(2026, 2, day)));

    [Theory]
    [InlineData(13, true)]
    [InlineData(14, true)] // make-up Saturday (调休)
    [InlineData(15, false)]
    [InlineData(17, false)] // Spring Festival
    [InlineData(23, false)]
    [InlineData(24, true)]
    [InlineData(28, true)] // make-up Saturday
    public void ChinaSpringFestival2026HasMakeUpSaturdaysOnEitherSide(int day, bool working) =>
        Assert.Equal(working, China.IsWorkingDay(D(2026, 2, day)));

    [Fact]
    public void WorkingDaysAcrossTet2026AreCountedInEachCountry()
    {
        Assert.Equal(1, Vietnam.WorkingDaysBetween(D(2026, 2, 13), D(2026, 2, 23)));

        // 14 (make-up), 24, 25, 26, 27 and 28 (make-up).
        Assert.Equal(6, China.WorkingDaysBetween(D(2026, 2, 13), D(2026, 2, 28)));

        // Only 24 to 27 February are working days in both countries.
        Assert.Equal(4, Both.WorkingDaysBetween(D(2026, 2, 13), D(2026, 2, 28)));
    }

    [Fact]
    public void ChinaNationalDay2026SkipsTheGoldenWeekAndWorksTheMakeUpDays()
    {
        Assert.True(China.IsWorkingDay(D(2026, 9, 20))); // Sunday worked
        Assert.False(China.IsWorkingDay(D(2026, 10, 1)));
        Assert.False(China.IsWorkingDay(D(2026, 10, 7)));
        Assert.True(China.IsWorkingDay(D(2026, 10, 10))); // Saturday worked

        Assert.Equal(D(2026, 10, 8), China.AddWorkingDays(D(2026, 9, 30), 1));
        Assert.Equal(D(2026, 10, 10), China.AddWorkingDays(D(2026, 9, 30), 3));
        Assert.Equal(D(2026, 10, 12), China.AddWorkingDays(D(2026, 9, 30), 4));
    }

    [Fact]
    public void VietnamNationalDay2026SwapsMondayTheThirtyFirstForSaturdayTheTwentySecond()
    {
        Assert.True(Vietnam.IsWorkingDay(D(2026, 8, 22)));
        Assert.False(Vietnam.IsWorkingDay(D(2026, 8, 31)));
        Assert.False(Vietnam.IsWorkingDay(D(2026, 9, 2)));
        Assert.True(Vietnam.IsWorkingDay(D(2026, 9, 3)));
    }

    [Fact]
    public void AddWorkingDaysJumpsOverTet()
    {
        Assert.Equal(D(2026, 2, 13), Vietnam.AddWorkingDays(D(2026, 2, 12), 1));
        Assert.Equal(D(2026, 2, 23), Vietnam.AddWorkingDays(D(2026, 2, 12), 2));
        Assert.Equal(D(2026, 2, 13), Vietnam.AddWorkingDays(D(2026, 2, 23), -1));
    }

    [Fact]
    public void DayOneIsTheFirstWorkingDayAfterStartEvenWhenStartIsAWorkingDay()
    {
        Assert.Equal(D(2026, 3, 3), Vietnam.AddWorkingDays(D(2026, 3, 2), 1));
        Assert.Equal(D(2026, 3, 2), Vietnam.AddWorkingDays(D(2026, 3, 2), 0));
        Assert.Equal(D(2026, 3, 2), Vietnam.AddWorkingDays(D(2026, 2, 28), 1)); // from a Saturday
    }

    [Fact]
    public void WorkingDaysBetweenIsTheInverseOfAddWorkingDays()
    {
        var start = D(2025, 12, 20);
        foreach (var n in new[] { 1, 7, 20, 30, 45, 120 })
        {
            Assert.Equal(n, Both.WorkingDaysBetween(start, Both.AddWorkingDays(start, n)));
            Assert.Equal(-n, Both.WorkingDaysBetween(Both.AddWorkingDays(start, n), start));
        }
    }

    [Fact]
    public void BothCountriesWorkOnlyWhenEachDoes()
    {
        Assert.False(Both.IsWorkingDay(D(2026, 2, 14))); // China works, Vietnam is on Tết
        Assert.False(Both.IsWorkingDay(D(2026, 2, 23))); // Vietnam works, China is on Spring Festival
        Assert.False(Both.IsWorkingDay(D(2026, 8, 22))); // Vietnam's make-up Saturday is a Chinese weekend
        Assert.True(Both.IsWorkingDay(D(2026, 2, 24)));
        Assert.Equal([Country.Vietnam, Country.China], Both.Countries.ToArray());
    }

    [Fact]
    public void HolidaysOnNamesTheDayInItsLanguageAndInEnglish()
    {
        var holidays = Both.HolidaysOn(D(2026, 2, 17));
        Assert.Contains(holidays, h => h.Name.Contains("Tết Nguyên đán", StringComparison.Ordinal) && h.EnglishName.Contains("Lunar New Year", StringComparison.Ordinal));
        Assert.Contains(holidays, h => h.Name.Contains("春节", StringComparison.Ordinal) && h.EnglishName.Contains("Spring Festival", StringComparison.Ordinal));
        Assert.Empty(Both.HolidaysOn(D(2026, 3, 3)));
    }

    [Fact]
    public void ADateInAYearWithoutDataIsRefusedNotGuessed()
    {
        var error = Assert.Throws<DateOutsideCalendarException>(() => Vietnam.AddWorkingDays(D(2027, 12, 20), 20));
        Assert.Equal(Country.Vietnam, error.Country);
        Assert.Contains("2028", error.Message, StringComparison.Ordinal);
        Assert.Equal([2025, 2026, 2027], Both.CoveredYears.ToArray());
    }

    [Fact]
    public void ACalendarCannotCombineACountryTwice() =>
        Assert.Throws<ArgumentException>(() => WorkingDayCalendar.Combined(Vietnam, Both));
}
