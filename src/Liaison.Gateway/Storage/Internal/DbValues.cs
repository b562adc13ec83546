using System.Data.Common;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// How values the two databases would store differently are kept the same way in
/// both: times as Unix milliseconds (the envelope's own precision, and no time-zone
/// conversions in either driver), sequence numbers as signed 64-bit integers.
/// </summary>
internal static class DbValues
{
    public static long Millis(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static long Sequence(ulong value) => checked((long)value);

    public static byte[]? Bytes(ReadOnlyMemory<byte>? value) => value?.ToArray();

    public static ReadOnlyMemory<byte>? NullableBytes(DbDataReader reader, int ordinal) =>
        OptionalBytes.From(reader.IsDBNull(ordinal) ? null : (byte[])reader.GetValue(ordinal));

    public static string? NullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
