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

    public static byte[] Hash(ReadOnlySpan<byte> previousHash, AuditRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previousHash);
        hash.AppendData(Canonical(row));
        return hash.GetHashAndReset();
    }

    /// <exception cref="InvalidDataException">The row's format is neither 1 nor 2, or a format-1 row carries an actor or subject: it was altered.</exception>
    public static byte[] Canonical(AuditRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (FormatProblem(row) is { } problem)
        {
            throw new InvalidDataException(problem);
        }

        using var buffer = new MemoryStream();
        buffer.Write(row.FormatVersion == V1 ? LabelV1 : LabelV2);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, row.Seq);
        buffer.Write(number);
        BinaryPrimitives.WriteInt64BigEndian(number, row.RecordedAt);
        buffer.Write(number);
        WriteString(buffer, row.EventType);
        if (row.EnvelopeId is { } id)
        {
            buffer.WriteByte(1);
            buffer.Write(id.ToByteArray(bigEndian: true));
        }
        else
        {
            buffer.WriteByte(0);
        }

        WriteString(buffer, row.PeerNode);
        if (row.FormatVersion == V2)
        {
            WriteString(buffer, row.Actor);
            WriteString(buffer, row.Subject);
        }

        WriteString(buffer, row.ReasonCode);
        WriteString(buffer, row.Detail);
        return buffer.ToArray();
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

    private static void WriteString(MemoryStream buffer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }
}
