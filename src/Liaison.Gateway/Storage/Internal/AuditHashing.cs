using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// The audit chain's hash, over a canonical encoding that does not depend on the
/// database (an auditor can recompute it from an export in any language). Two formats;
/// each row says which one it was written in, and the label is part of the bytes, so a
/// row whose format number is changed no longer matches its hashes:
/// <code>
/// canonical(e) = "liaison-audit-v1" ‖ 0x00                 (format 1: entries written before migration 4)
///              ‖ i64be(seq)
///              ‖ i64be(recorded_at as Unix milliseconds, UTC)
///              ‖ str(event_type name, e.g. "Sealed")
///              ‖ 0x00                                  (no envelope id)
///                | 0x01 ‖ envelope id (16 bytes, RFC 9562 order)
///              ‖ str(peer_node) ‖ str(reason_code) ‖ str(detail)
///
/// canonical(e) = "liaison-audit-v2" ‖ 0x00                 (format 2: every entry since)
///              ‖ i64be(seq) ‖ i64be(recorded_at) ‖ str(event_type) ‖ envelope id as above
///              ‖ str(peer_node) ‖ str(actor) ‖ str(subject) ‖ str(reason_code) ‖ str(detail)
///
/// str(s)       = u32be(byte length of UTF-8(s)) ‖ UTF-8(s)
/// hash(e)      = SHA-256(hash(previous entry) ‖ canonical(e)); for seq 1 the previous hash is 32 zero bytes.
/// </code>
/// Every field is length-prefixed or fixed-size, so no two entries encode alike;
/// the label keeps these hashes apart from any other SHA-256 use. The same canonical
/// bytes are the entry's leaf data in the audit log's RFC 6962 Merkle tree (leaf index
/// seq - 1; see deploy/audit-log.md). Thread-safe.
/// </summary>
internal static class AuditHashing
{
    public const int HashLength = 32;

    /// <summary>The first format: no actor, no subject.</summary>
    public const int V1 = 1;

    /// <summary>The format every new entry is written in: with actor and subject.</summary>
    public const int V2 = 2;

    private static readonly byte[] LabelV1 = Encoding.ASCII.GetBytes("liaison-audit-v1\0");
    private static readonly byte[] LabelV2 = Encoding.ASCII.GetBytes("liaison-audit-v2\0");

    public static ReadOnlyMemory<byte> Genesis { get; } = new byte[HashLength];

    public static bool IsKnownFormat(int version) => version is V1 or V2;

    public static byte[] Hash(ReadOnlySpan<byte> previousHash, AuditRow row) => Hash(previousHash, Canonical(row));

    /// <summary>hash(e) from the previous entry's hash and the entry's <see cref="Canonical"/> bytes, already encoded.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> canonical)
    {
        // One contiguous buffer and a one-shot hash: an incremental hash object costs a native
        // digest context per entry, and every message appends several entries.
        var length = previousHash.Length + canonical.Length;
        byte[]? rented = null;
        var buffer = length <= 1024 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        previousHash.CopyTo(buffer);
        canonical.CopyTo(buffer[previousHash.Length..]);
        var hash = SHA256.HashData(buffer);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return hash;
    }

    /// <exception cref="InvalidDataException">The row's format is neither 1 nor 2, or a format-1 row carries an actor or subject: it was altered.</exception>
    public static byte[] Canonical(AuditRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (FormatProblem(row) is { } problem)
        {
            throw new InvalidDataException(problem);
        }

        var v2 = row.FormatVersion == V2;
        var label = v2 ? LabelV2 : LabelV1;

        // Sized exactly first, then written in place: one array per entry.
        var size = label.Length + 8 + 8 + StringSize(row.EventType) + 1 + (row.EnvelopeId is null ? 0 : 16)
            + StringSize(row.PeerNode) + (v2 ? StringSize(row.Actor) + StringSize(row.Subject) : 0)
            + StringSize(row.ReasonCode) + StringSize(row.Detail);
        var bytes = new byte[size];
        var rest = bytes.AsSpan();
        label.CopyTo(rest);
        rest = rest[label.Length..];
        BinaryPrimitives.WriteInt64BigEndian(rest, row.Seq);
        BinaryPrimitives.WriteInt64BigEndian(rest[8..], row.RecordedAt);
        rest = WriteString(rest[16..], row.EventType);
        if (row.EnvelopeId is { } id)
        {
            rest[0] = 1;
            id.TryWriteBytes(rest[1..], bigEndian: true, out _);
            rest = rest[17..];
        }
        else
        {
            rest[0] = 0;
            rest = rest[1..];
        }

        rest = WriteString(rest, row.PeerNode);
        if (v2)
        {
            rest = WriteString(rest, row.Actor);
            rest = WriteString(rest, row.Subject);
        }

        rest = WriteString(rest, row.ReasonCode);
        WriteString(rest, row.Detail);
        return bytes;
    }

    /// <summary>
    /// Null when the row's format is one this version encodes; a sentence otherwise. A format-1
    /// row with an actor or subject would hash as if it had none, so it is refused rather than
    /// letting those fields be added unseen.
    /// </summary>
    public static string? FormatProblem(AuditRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!IsKnownFormat(row.FormatVersion))
        {
            return $"Entry {row.Seq} is of audit format {row.FormatVersion}, which this version does not know: it was altered after it was written.";
        }

        return row.FormatVersion == V1 && (row.Actor.Length > 0 || row.Subject.Length > 0)
            ? $"Entry {row.Seq} is of audit format 1, which has no actor or subject, but carries one: it was altered after it was written."
            : null;
    }

    private static int StringSize(string value) => 4 + Encoding.UTF8.GetByteCount(value);

    /// <returns>What is left of <paramref name="destination"/> after str(value).</returns>
    private static Span<byte> WriteString(Span<byte> destination, string value)
    {
        var written = Encoding.UTF8.GetBytes(value, destination[4..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)written);
        return destination[(4 + written)..];
    }
}
