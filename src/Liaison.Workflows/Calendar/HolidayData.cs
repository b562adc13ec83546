using System.Collections.Immutable;
using Liaison.Workflows.Calendar.Internal;

namespace Liaison.Workflows.Calendar;

/// <summary>
/// Validated holiday data for one or more countries and years: the built-in data (Vietnam and China, 2025 to 2027,
/// each year citing its official notice) or an operator's file of the same JSON schema. Immutable and thread-safe.
/// </summary>
public sealed class HolidayData
{
    private const string BuiltInResource = "Liaison.Workflows.Calendar.Data.holidays.json";

    private static readonly Lazy<HolidayData> BuiltInData = new(LoadBuiltIn);

    private HolidayData(ImmutableArray<HolidayYear> years) => Years = years;

    /// <summary>Every country-year held, ordered by country then year.</summary>
    public ImmutableArray<HolidayYear> Years { get; }

    /// <summary>The data shipped with the gateway, from the embedded <c>holidays.json</c>.</summary>
    public static HolidayData BuiltIn => BuiltInData.Value;

    /// <summary>Parses and validates holiday JSON; <paramref name="sourceName"/> (a file name) appears in error messages.</summary>
    /// <exception cref="HolidayDataException">The JSON is malformed or breaks a rule; the message lists every problem.</exception>
    public static HolidayData Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        return new HolidayData([.. HolidayDataParser.Parse(json, sourceName).OrderBy(y => y.Country).ThenBy(y => y.Year)]);
    }

    /// <summary>Reads UTF-8 holiday JSON from a stream the caller opened (the library does no file I/O of its own).</summary>
    public static HolidayData Read(Stream utf8Json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var reader = new StreamReader(utf8Json, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return Parse(reader.ReadToEnd(), sourceName);
    }

    /// <summary>
    /// This data with <paramref name="replacement"/>'s country-years taking the place of the same country-years here;
    /// a whole year is replaced, never merged day by day, so an official notice fully supersedes provisional data.
    /// </summary>
    public HolidayData With(HolidayData replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var replaced = replacement.Years.Select(y => (y.Country, y.Year)).ToHashSet();
        return new HolidayData([.. Years.Where(y => !replaced.Contains((y.Country, y.Year))).Concat(replacement.Years)
            .OrderBy(y => y.Country).ThenBy(y => y.Year)]);
    }

    /// <summary>The calendar of one country, for a deadline counted on the verifying side only.</summary>
    public WorkingDayCalendar CalendarFor(Country country) =>
        WorkingDayCalendar.ForCountry(country, Years.Where(y => y.Country == country));

    /// <summary>The calendar of days on which offices in both Vietnam and China work.</summary>
    public WorkingDayCalendar CalendarForBothCountries() =>
        WorkingDayCalendar.Combined(CalendarFor(Country.Vietnam), CalendarFor(Country.China));

    private static HolidayData LoadBuiltIn()
    {
        using var stream = typeof(HolidayData).Assembly.GetManifestResourceStream(BuiltInResource)
            ?? throw new InvalidOperationException($"The embedded resource {BuiltInResource} is missing from the build.");
        return Read(stream, "built-in holidays.json");
    }
}
