using Google.Protobuf.WellKnownTypes;

namespace Liaison.Crypto.Internal;

/// <summary>Conversions between protobuf timestamps and <see cref="DateTimeOffset"/> at millisecond precision.</summary>
internal static class ProtoTime
{
    /// <summary>Truncates to whole milliseconds, the precision the format carries.</summary>
    public static Timestamp ToTimestamp(DateTimeOffset value) =>
        Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds()));

    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    /// <summary>Returns null for a missing or out-of-range timestamp rather than throwing.</summary>
    public static DateTimeOffset? TryToDateTimeOffset(Timestamp? value)
    {
        if (value is null || value.Nanos is < 0 or > 999_999_999
            || value.Seconds < -62_135_596_800 || value.Seconds > 253_402_300_799)
        {
            return null;
        }

        return value.ToDateTimeOffset();
    }
}
