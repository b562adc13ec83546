using System.Globalization;
using Liaison.Workflows.Calendar;

namespace Liaison.Workflows.Tests.Calendar;

/// <summary>Checks the embedded data against facts computed independently of it.</summary>
public sealed class BuiltInHolidayDataTests
{
    private static readonly ChineseLunisolarCalendar Lunar = new();

    [Theory]
    [InlineData(2025, 2025, 1, 29)]
    [InlineData(2026, 2026, 2, 17)]
    [InlineData(2027, 2027, 2, 6)]
    public void LunarNewYearIsTheDateTheLunisolarCalendarGives(int lunarYear, int year, int month, int day)
    {
        var newYear = DateOnly.FromDateTime(Lunar.ToDateTime(lunarYear, 1, 1, 0, 0, 0, 0));
        Assert.Equal(new DateOnly(year, month, day), newYear);
        foreach (var country in new[] { Country.Vietnam, Country.China })
        {
            Assert.Contains(HolidayData.BuiltIn.CalendarFor(country).HolidaysOn(newYear), h => h.Date == newYear);
        }
    }

    [Theory]
    [InlineData(2025)]
    [InlineData(2026)]
    [InlineData(2027)]
    public void HungKingsDayTenthOfTheThirdLunarMonthIsAHolidayInVietnam(int year)
    {
        var leap = Lunar.GetLeapMonth(year);
        var month = leap is > 0 and <= 3 ? 4 : 3;
        var date = DateOnly.FromDateTime(Lunar.ToDateTime(year, month, 10, 0, 0, 0, 0));
        Assert.Contains(HolidayData.BuiltIn.CalendarFor(Country.Vietnam).HolidaysOn(date), h => h.Name == "Giỗ Tổ Hùng Vương");
    }

    [Fact]
    public void EveryYearCitesItsSourceAndEveryDayHasBothNames()
    {
        var years = HolidayData.BuiltIn.Years;
        Assert.Equal(6, years.Length);
        Assert.All(years, y =>
        {
            Assert.False(string.IsNullOrWhiteSpace(y.Source));
            Assert.All(y.Holidays, h => Assert.False(string.IsNullOrWhiteSpace(h.Name) || string.IsNullOrWhiteSpace(h.EnglishName)));
            Assert.All(y.MakeUpWorkingDays, m => Assert.True(m.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday));
        });
    }

    [Fact]
    public void Year2027IsMarkedProvisionalUntilTheNoticesAreLoaded()
    {
        var both = HolidayData.BuiltIn.CalendarForBothCountries();
        Assert.False(both.IsProvisional(2026));
        Assert.True(both.IsProvisional(2027));
    }
}
