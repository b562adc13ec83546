using System.Globalization;
using System.Reflection;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Liaison.Cli.Rendering;

/// <summary>How values are shown to people: the same spelling in every command.</summary>
internal static class Display
{
    public const string None = "(none)";

    /// <summary>One "label: value" line of a report; values start in the same column at every indent.</summary>
    public static void WriteField(this TextWriter writer, string label, string value, int indent = 2) =>
        writer.WriteLine((new string(' ', indent) + label + ": ").PadRight(26) + value);

    public static string Hex(ByteString bytes) => bytes.IsEmpty ? None : Convert.ToHexStringLower(bytes.Span);

    public static string Hex(ReadOnlyMemory<byte> bytes) => Convert.ToHexStringLower(bytes.Span);

    /// <summary>The enum value's name in the .proto files (e.g. SUITE_GM_V1), as it appears in the JSON files.</summary>
    public static string Enum<T>(T value)
        where T : struct, System.Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? value.ToString();

    public static string Time(Timestamp? time)
    {
        if (time is null)
        {
            return "(not set)";
        }

        try
        {
            return Time(time.ToDateTimeOffset());
        }
        catch (InvalidOperationException)
        {
            // Hostile or hand-edited input may hold a timestamp outside the representable range.
            return "(invalid time)";
        }
    }

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Duration(Duration? duration)
    {
        if (duration is null)
        {
            return "(not set)";
        }

        var seconds = duration.Seconds;
        return duration.Nanos != 0 ? duration.ToString()
            : seconds % 86_400 == 0 ? Count(seconds / 86_400, "day")
            : seconds % 3_600 == 0 ? Count(seconds / 3_600, "hour")
            : seconds % 60 == 0 ? Count(seconds / 60, "minute")
            : Count(seconds, "second");
    }

    public static string Count(long count, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? "" : "s")}");

    /// <summary>
    /// Text that came from a file or an envelope, with control characters escaped,
    /// and invisible formatting characters (such as bidirectional overrides) escaped,
    /// so that hostile input cannot rewrite the terminal or disguise what it says.
    /// </summary>
    public static string Untrusted(string value)
    {
        if (value.Length == 0)
        {
            return None;
        }

        var output = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                output.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
            }
            else
            {
                output.Append(rune.ToString());
            }
        }

        return output.ToString();
    }
}
