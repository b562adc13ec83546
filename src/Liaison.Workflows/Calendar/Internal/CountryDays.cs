using System.Collections.Frozen;

namespace Liaison.Workflows.Calendar.Internal;

/// <summary>One country's days off and make-up days, indexed for lookup. Immutable, so safe to share between threads.</summary>
internal sealed class CountryDays
{
    private readonly FrozenDictionary<DateOnly, PublicHoliday> _holidays;
    private readonly FrozenSet<DateOnly> _makeUpDays;
    private readonly FrozenDictionary<int, HolidayYearStatus> _years;

    public CountryDays(Country country, IEnumerable<HolidayYear> years)
    {
        var list = years.ToList();
        Country = country;
        _holidays = list.SelectMany(y => y.Holidays).ToFrozenDictionary(h => h.Date);
        _makeUpDays = list.SelectMany(y => y.MakeUpWorkingDays).Select(m => m.Date).ToFrozenSet();
        _years = list.ToFrozenDictionary(y => y.Year, y => y.Status);
    }

    public Country Country { get; }

    public IEnumerable<int> Years => _years.Keys;

    public bool Covers(int year) => _years.ContainsKey(year);

    public bool IsProvisional(int year) => _years.TryGetValue(year, out var status) && status == HolidayYearStatus.Provisional;

    public bool IsWorkingDay(DateOnly date)
    {
        if (!Covers(date.Year))
        {
            throw new DateOutsideCalendarException(Country, date);
        }

        // A make-up day is by construction a weekend day that is worked, so it wins over the weekend rule.
        if (_makeUpDays.Contains(date))
        {
            return true;
        }

        return !_holidays.ContainsKey(date) && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    public PublicHoliday? HolidayOn(DateOnly date) => _holidays.GetValueOrDefault(date);
}
