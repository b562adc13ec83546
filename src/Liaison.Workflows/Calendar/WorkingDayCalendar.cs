using System.Collections.Immutable;
using Liaison.Workflows.Calendar.Internal;

namespace Liaison.Workflows.Calendar;

/// <summary>
/// Which days government offices work: Monday to Friday, minus public holidays, plus make-up working days.
/// A calendar for several countries counts a day as a working day only when it is one in every country
/// ("working in both countries"), which is what a deadline needing both sides' offices open must use.
/// Immutable and thread-safe. A date in a year without data throws <see cref="DateOutsideCalendarException"/>
/// rather than being guessed.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly ImmutableArray<CountryDays> _countries;

    private WorkingDayCalendar(ImmutableArray<CountryDays> countries) => _countries = countries;

    /// <summary>The countries whose offices must all be working on a working day.</summary>
    public ImmutableArray<Country> Countries => [.. _countries.Select(c => c.Country)];

    /// <summary>The years every country of this calendar has data for.</summary>
    public ImmutableArray<int> CoveredYears =>
        [.. _countries.Select(c => c.Years).Aggregate((a, b) => a.Intersect(b)).Order()];

    /// <summary>Builds a single-country calendar from that country's years of data.</summary>
    public static WorkingDayCalendar ForCountry(Country country, IEnumerable<HolidayYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var list = years.ToList();
        var foreign = list.FirstOrDefault(y => y.Country != country);
        if (foreign is not null)
        {
            throw new ArgumentException($"A {country} calendar cannot hold {foreign.Country} data ({foreign.Year}).", nameof(years));
        }

        if (list.GroupBy(y => y.Year).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"The {country} data holds {duplicate.Key} more than once.", nameof(years));
        }

        return new WorkingDayCalendar([new CountryDays(country, list)]);
    }

    /// <summary>A calendar whose working days are the days on which every given calendar works.</summary>
    public static WorkingDayCalendar Combined(params WorkingDayCalendar[] calendars)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        if (calendars.Length == 0)
        {
            throw new ArgumentException("Combine at least one calendar.", nameof(calendars));
        }

        var parts = calendars.SelectMany(c => c._countries).ToList();
        if (parts.GroupBy(p => p.Country).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"{twice.Key} appears in more than one of the combined calendars.", nameof(calendars));
        }

        return new WorkingDayCalendar([.. parts]);
    }

    /// <summary>True when the date is a working day in every country of this calendar.</summary>
    /// <exception cref="DateOutsideCalendarException">A country has no data for the date's year.</exception>
    public bool IsWorkingDay(DateOnly date)
    {
        // Ask every country (no short-circuit) so a missing year always throws, whatever the other countries say.
        var working = true;
        foreach (var country in _countries)
        {
            working &= country.IsWorkingDay(date);
        }

        return working;
    }

    /// <summary>
    /// The date <paramref name="workingDays"/> working days after <paramref name="start"/>: day 1 is the first working
    /// day after start (start itself never counts, as a deadline runs from the day after receipt). Zero returns start;
    /// a negative count goes backwards (day -1 is the last working day before start).
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        var step = workingDays >= 0 ? 1 : -1;
        var remaining = Math.Abs(workingDays);
        var date = start;
        while (remaining > 0)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }

        return date;
    }

    /// <summary>
    /// The number of working days d with <paramref name="from"/> &lt; d ≤ <paramref name="to"/>, so that
    /// <c>WorkingDaysBetween(a, AddWorkingDays(a, n)) == n</c>. Negative when <paramref name="to"/> is before <paramref name="from"/>.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The holidays of each country on that date (empty when it is an ordinary day everywhere).</summary>
    public ImmutableArray<PublicHoliday> HolidaysOn(DateOnly date) =>
        [.. _countries.Select(c => c.HolidayOn(date)).OfType<PublicHoliday>()];

    /// <summary>True when some country's data for the year is provisional, so deadlines in it may still move.</summary>
    public bool IsProvisional(int year) => _countries.Any(c => c.IsProvisional(year));
}
