namespace Liaison.Workflows.Calendar;

/// <summary>
/// A date fell in a year the calendar holds no holiday data for. Counting such a day as a plain weekday would
/// silently move a legal deadline, so the calendar refuses instead; load an operator file covering that year.
/// </summary>
public sealed class DateOutsideCalendarException : Exception
{
    public DateOutsideCalendarException()
        : base("The date is outside the years the calendar covers.")
    {
    }

    public DateOutsideCalendarException(string message)
        : base(message)
    {
    }

    public DateOutsideCalendarException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DateOutsideCalendarException(Country country, DateOnly date)
        : base($"The {country} calendar holds no holiday data for {date.Year} (date {Internal.IsoDate.Text(date)}); load an operator holiday file that covers {date.Year}.")
    {
        Country = country;
        Date = date;
    }

    /// <summary>The country whose data is missing, when known.</summary>
    public Country? Country { get; }

    /// <summary>The date that could not be classified, when known.</summary>
    public DateOnly? Date { get; }
}
