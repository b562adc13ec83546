namespace Liaison.Workflows.Calendar;

/// <summary>
/// The time zones deadlines expire in: a due date ends at midnight where the verifying side works.
/// IANA ids, which <see cref="TimeZoneInfo.FindSystemTimeZoneById"/> resolves on Linux and, through ICU, on Windows.
/// </summary>
public static class LegalTimeZones
{
    /// <summary>Vietnam, UTC+7 all year.</summary>
    public static TimeZoneInfo Vietnam { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    /// <summary>China, UTC+8 all year.</summary>
    public static TimeZoneInfo China { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The time zone of a country's offices.</summary>
    public static TimeZoneInfo For(Country country) => country switch
    {
        Country.Vietnam => Vietnam,
        Country.China => China,
        _ => throw new ArgumentOutOfRangeException(nameof(country), country, "Unknown country."),
    };
}
