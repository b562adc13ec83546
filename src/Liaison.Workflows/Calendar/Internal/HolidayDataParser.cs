using System.Collections.Immutable;
using System.Text.Json;

namespace Liaison.Workflows.Calendar.Internal;

/// <summary>
/// Reads the holiday JSON schema ("liaison-holidays/1") and collects every problem with its JSON path instead of
/// stopping at the first, so an operator fixes a file in one pass. Unknown properties are errors: a misspelt
/// "makeupWorkingDays" would otherwise drop make-up days silently and move deadlines. "comment" is allowed anywhere.
/// </summary>
internal sealed class HolidayDataParser
{
    public const string Schema = "liaison-holidays/1";

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    private readonly List<string> _errors = [];
    private readonly List<HolidayYear> _years = [];

    public static ImmutableArray<HolidayYear> Parse(string json, string sourceName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new HolidayDataException(
                $"The holiday file '{sourceName}' is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).", e);
        }

        using (document)
        {
            var parser = new HolidayDataParser();
            parser.ReadRoot(document.RootElement);
            if (parser._errors.Count > 0)
            {
                throw new HolidayDataException($"The holiday file '{sourceName}' was rejected:", [.. parser._errors]);
            }

            return [.. parser._years];
        }
    }

    private void ReadRoot(JsonElement root)
    {
        if (!ExpectObject(root, "$", ["schema", "countries"]))
        {
            return;
        }

        var schema = ReadString(root, "schema", "$");
        if (schema is not null && schema != Schema)
        {
            _errors.Add($"schema: '{schema}' is not supported; expected '{Schema}'.");
        }

        var seen = new HashSet<Country>();
        foreach (var (element, path) in ReadArray(root, "countries", "$"))
        {
            if (ExpectObject(element, path, ["country", "years"]) && ReadCountry(element, path) is { } country && !seen.Add(country))
            {
                _errors.Add($"{path}.country: {CountryCode(country)} appears more than once; put all its years in one entry.");
            }
        }
    }

    private Country? ReadCountry(JsonElement element, string path)
    {
        Country? country = ReadString(element, "country", path) switch
        {
            null => null,
            "VN" => Country.Vietnam,
            "CN" => Country.China,
            var other => Error<Country?>($"{path}.country: '{other}' is not a supported country; use \"VN\" or \"CN\"."),
        };

        var seenYears = new HashSet<int>();
        foreach (var (yearElement, yearPath) in ReadArray(element, "years", path))
        {
            if (!ExpectObject(yearElement, yearPath, ["year", "status", "source", "holidays", "makeUpWorkingDays"]))
            {
                continue;
            }

            var year = ReadYear(yearElement, yearPath, country);
            if (year is not null && !seenYears.Add(year.Year))
            {
                _errors.Add($"{yearPath}.year: {year.Year} appears more than once for this country.");
            }
            else if (year is not null)
            {
                _years.Add(year);
            }
        }

        return country;
    }

    private HolidayYear? ReadYear(JsonElement element, string path, Country? country)
    {
        int? year = null;
        if (!element.TryGetProperty("year", out var yearElement))
        {
            _errors.Add($"{path}.year: missing.");
        }
        else if (yearElement.ValueKind != JsonValueKind.Number || !yearElement.TryGetInt32(out var value) || value is < 1900 or > 2200)
        {
            _errors.Add($"{path}.year: must be a whole number between 1900 and 2200.");
        }
        else
        {
            year = value;
        }

        HolidayYearStatus? status = ReadString(element, "status", path) switch
        {
            null => null,
            "official" => HolidayYearStatus.Official,
            "provisional" => HolidayYearStatus.Provisional,
            var other => Error<HolidayYearStatus?>($"{path}.status: '{other}' is not a status; use \"official\" or \"provisional\"."),
        };
        var source = ReadString(element, "source", path);

        var holidays = ReadDays(element, "holidays", path, year)
            .Select(d => new PublicHoliday(d.Date, d.Name, d.EnglishName)).ToList();
        var makeUpDays = ReadDays(element, "makeUpWorkingDays", path, year)
            .Select(d => new MakeUpWorkingDay(d.Date, d.Name, d.EnglishName)).ToList();
        CheckDuplicates(holidays.Select(h => h.Date), $"{path}.holidays", "holiday");
        CheckDuplicates(makeUpDays.Select(m => m.Date), $"{path}.makeUpWorkingDays", "make-up working day");
        foreach (var both in holidays.Select(h => h.Date).Intersect(makeUpDays.Select(m => m.Date)))
        {
            _errors.Add($"{path}: {IsoDate.Text(both)} is both a holiday and a make-up working day.");
        }

        if (country is null || year is null || status is null || source is null)
        {
            return null;
        }

        return new HolidayYear(country.Value, year.Value, status.Value, source,
            [.. holidays.DistinctBy(h => h.Date).OrderBy(h => h.Date)],
            [.. makeUpDays.DistinctBy(m => m.Date).OrderBy(m => m.Date)]);
    }

    private List<(DateOnly Date, string Name, string EnglishName)> ReadDays(JsonElement parent, string property, string path, int? year)
    {
        var days = new List<(DateOnly, string, string)>();
        var isMakeUp = property == "makeUpWorkingDays";
        foreach (var (element, dayPath) in ReadArray(parent, property, path))
        {
            if (!ExpectObject(element, dayPath, ["date", "name", "englishName"]))
            {
                continue;
            }

            var text = ReadString(element, "date", dayPath);
            var name = ReadString(element, "name", dayPath);
            var englishName = ReadString(element, "englishName", dayPath);
            if (text is null)
            {
                continue;
            }

            if (!IsoDate.TryParse(text, out var date))
            {
                _errors.Add($"{dayPath}.date: '{text}' is not a date; write it as yyyy-MM-dd (for example 2026-02-17).");
                continue;
            }

            if (year is not null && date.Year != year)
            {
                _errors.Add($"{dayPath}.date: {text} is not in {year}; list it under its own year.");
            }

            if (isMakeUp && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                _errors.Add($"{dayPath}.date: {text} is a {date.DayOfWeek}, already a working day; a make-up working day must be a Saturday or Sunday.");
            }

            if (name is not null && englishName is not null)
            {
                days.Add((date, name, englishName));
            }
        }

        return days;
    }

    private void CheckDuplicates(IEnumerable<DateOnly> dates, string path, string what)
    {
        foreach (var group in dates.GroupBy(d => d).Where(g => g.Count() > 1))
        {
            _errors.Add($"{path}: {IsoDate.Text(group.Key)} is listed {group.Count()} times as a {what}.");
        }
    }

    private bool ExpectObject(JsonElement element, string path, string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            _errors.Add($"{path}: expected an object, found {element.ValueKind}.");
            return false;
        }

        foreach (var property in element.EnumerateObject().Where(p => p.Name != "comment" && !allowed.Contains(p.Name)))
        {
            _errors.Add($"{path}.{property.Name}: unknown property; expected one of {string.Join(", ", allowed)}.");
        }

        return true;
    }

    private List<(JsonElement Element, string Path)> ReadArray(JsonElement parent, string property, string path)
    {
        if (!parent.TryGetProperty(property, out var array))
        {
            _errors.Add($"{path}.{property}: missing.");
            return [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            _errors.Add($"{path}.{property}: expected an array, found {array.ValueKind}.");
            return [];
        }

        var prefix = path == "$" ? property : $"{path}.{property}";
        return array.EnumerateArray().Select((e, i) => (e, $"{prefix}[{i}]")).ToList();
    }

    private string? ReadString(JsonElement parent, string property, string path)
    {
        var where = path == "$" ? property : $"{path}.{property}";
        if (!parent.TryGetProperty(property, out var value))
        {
            _errors.Add($"{where}: missing.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            _errors.Add($"{where}: expected a non-empty string.");
            return null;
        }

        return value.GetString();
    }

    private T Error<T>(string message)
    {
        _errors.Add(message);
        return default!;
    }

    internal static string CountryCode(Country country) => country == Country.Vietnam ? "VN" : "CN";
}
