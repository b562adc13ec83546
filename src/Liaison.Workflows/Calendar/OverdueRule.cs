namespace Liaison.Workflows.Calendar;

/// <summary>
/// When a due date has passed: work done at any time on the due date, in the verifying side's time zone, is on time;
/// the deadline is overdue from the following local midnight. Pure: the current time is always a parameter.
/// </summary>
public static class OverdueRule
{
    /// <summary>The instant a due date becomes overdue: the start of the next local day in <paramref name="zone"/>.</summary>
    public static DateTimeOffset BecomesOverdueAt(DateOnly dueDate, TimeZoneInfo zone) =>
        StartOfLocalDay(dueDate.AddDays(1), zone);

    /// <summary>True when <paramref name="now"/> is at or after <see cref="BecomesOverdueAt"/>.</summary>
    public static bool IsOverdue(DateOnly dueDate, DateTimeOffset now, TimeZoneInfo zone) =>
        now >= BecomesOverdueAt(dueDate, zone);

    /// <summary>The instant a local calendar day starts in <paramref name="zone"/>.</summary>
    public static DateTimeOffset StartOfLocalDay(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

        // Vietnam and China keep no daylight saving; for zones that do, a midnight skipped by a spring-forward
        // transition is taken as the first valid instant after it.
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(15);
        }

        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    /// <summary>The local calendar date of an instant in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }
}
