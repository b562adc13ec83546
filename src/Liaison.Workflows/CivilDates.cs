using Liaison.Workflow.V1;

namespace Liaison.Workflows;

/// <summary>Conversions between the wire <see cref="CivilDate"/> and <see cref="DateOnly"/>.</summary>
public static class CivilDates
{
    /// <summary>The date, or null when absent or not a real calendar date.</summary>
    public static DateOnly? ToDateOnly(CivilDate? date) =>
        date is not null && date.Year is >= 1 and <= 9999 && date.Month is >= 1 and <= 12
            && date.Day >= 1 && date.Day <= DateTime.DaysInMonth(date.Year, date.Month)
            ? new DateOnly(date.Year, date.Month, date.Day)
            : null;

    /// <summary>The wire form of a date.</summary>
    public static CivilDate From(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };
}
