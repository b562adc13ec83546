using System.Globalization;

namespace Liaison.Workflows.Calendar.Internal;

/// <summary>yyyy-MM-dd in the Gregorian calendar whatever the current culture (th-TH would otherwise print Buddhist years).</summary>
internal static class IsoDate
{
    public const string Format = "yyyy-MM-dd";

    public static string Text(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
