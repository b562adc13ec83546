namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// Optional byte strings, kept honest. C# converts a null <c>byte[]</c>, and even a
/// bare <c>null</c> in a conditional expression, to an empty but present
/// <see cref="ReadOnlyMemory{T}"/>, so "absent" silently becomes "empty". Everything
/// optional goes through here, where each null is returned as the nullable's own.
/// </summary>
internal static class OptionalBytes
{
    public static ReadOnlyMemory<byte>? From(byte[]? value)
    {
        if (value is null)
        {
            return null;
        }

        return value;
    }

    /// <summary>A private copy, so that a caller's buffer can change without changing what is stored.</summary>
    public static ReadOnlyMemory<byte>? Copy(ReadOnlyMemory<byte>? value)
    {
        if (value is not { } bytes)
        {
            return null;
        }

        return bytes.ToArray();
    }
}
