using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// The audit chain's hash, over a canonical encoding that does not depend on the
/// database (an auditor can recompute it from an export in any language):
/// <code>
/// canonical(e) = "liaison-audit-v1" ‖ 0x00
///              ‖ u64be(seq)
///              ‖ i64be(recorded_at as Unix milliseconds, UTC)
///              ‖ str(event_type name, e.g. "Sealed")
///              ‖ 0x00                                  (no envelope id)
///                | 0x01 ‖ envelope id (16 bytes, RFC 9562 order)
///              ‖ str(peer_node) ‖ str(reason_code) ‖ str(detail)
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

    private static readonly byte[] Label = Encoding.ASCII.GetBytes("liaison-audit-v1\0");

    public static ReadOnlyMemory<byte> Genesis { get; } = new byte[HashLength];

    public static byte[] Hash(ReadOnlySpan<byte> previousHash, AuditRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previousHash);
        hash.AppendData(Canonical(row));
        return hash.GetHashAndReset();
    }

    public static byte[] Canonical(AuditRow row)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Label);
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
        WriteString(buffer, row.ReasonCode);
        WriteString(buffer, row.Detail);
        return buffer.ToArray();
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
