using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Tests;

/// <summary>Compares stored records by value, bytes included (records compare memory by reference).</summary>
public sealed class MessageRecordComparer : IEqualityComparer<MessageRecord?>
{
    public static readonly MessageRecordComparer Instance = new();

    public bool Equals(MessageRecord? x, MessageRecord? y) =>
        x is null || y is null ? ReferenceEquals(x, y) :
        Normalised(x) == Normalised(y)
        && x.EnvelopeBytes.Span.SequenceEqual(y.EnvelopeBytes.Span)
        && SameBytes(x.RequestDigest, y.RequestDigest)
        && SameBytes(x.Payload, y.Payload)
        && SameBytes(x.ReceiptBytes, y.ReceiptBytes);

    public int GetHashCode(MessageRecord? obj) => obj?.EnvelopeId.GetHashCode() ?? 0;

    private static MessageRecord Normalised(MessageRecord r) =>
        r with { EnvelopeBytes = default, RequestDigest = null, Payload = null, ReceiptBytes = null };

    private static bool SameBytes(ReadOnlyMemory<byte>? a, ReadOnlyMemory<byte>? b) =>
        a is null || b is null ? a is null && b is null : a.Value.Span.SequenceEqual(b.Value.Span);
}
