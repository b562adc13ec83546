using System.Buffers.Binary;

namespace Liaison.Crypto.Internal;

/// <summary>
/// Builds the exact byte strings that signatures cover:
/// <c>label || 0x00 || u32be(len(body)) || body || suffix</c>.
/// The length prefix keeps the body and the suffix from being re-split.
/// </summary>
internal static class ToBeSigned
{
    public static byte[] Build(byte[] label, ReadOnlySpan<byte> body, ReadOnlySpan<byte> suffix = default)
    {
        var output = new byte[label.Length + 1 + 4 + body.Length + suffix.Length];
        var span = output.AsSpan();
        label.CopyTo(span);
        span[label.Length] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(span[(label.Length + 1)..], (uint)body.Length);
        body.CopyTo(span[(label.Length + 5)..]);
        suffix.CopyTo(span[(label.Length + 5 + body.Length)..]);
        return output;
    }
}
