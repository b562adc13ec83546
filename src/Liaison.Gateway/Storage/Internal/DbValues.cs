using System.Data.Common;
using System.Runtime.InteropServices;

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

    public static byte[]? Bytes(ReadOnlyMemory<byte>? value) => value is { } bytes ? Blob(bytes) : null;

    /// <summary>
    /// The bytes as an array for a parameter: the array itself when the memory is a whole
    /// array (the drivers only read parameter values), a copy otherwise. Envelopes and
    /// attachment chunks are up to a few hundred KiB, and every needless copy of one is a
    /// large-object-heap allocation.
    /// </summary>
    public static byte[] Blob(ReadOnlyMemory<byte> value) =>
        MemoryMarshal.TryGetArray(value, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : value.ToArray();

    public static ReadOnlyMemory<byte>? NullableBytes(DbDataReader reader, int ordinal) =>
        OptionalBytes.From(reader.IsDBNull(ordinal) ? null : (byte[])reader.GetValue(ordinal));

    public static string? NullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
