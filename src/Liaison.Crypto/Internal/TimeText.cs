using System.Globalization;

namespace Liaison.Crypto.Internal;

/// <summary>How times appear in rejection details and errors: RFC 3339 UTC with milliseconds.</summary>
internal static class TimeText
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
