using System.Buffers.Binary;
using System.Text;

namespace Liaison.Audit.Bundles;

/// <summary>
/// Reads an audit entry's canonical bytes back into its fields, so that a bundle's readable
/// fields can be checked against the bytes its Merkle tree covers. The encoding (written by the
/// gateway's store) is, per deploy/audit-log.md §2, in one of two formats:
/// <code>
/// "liaison-audit-v1" ‖ 0x00 ‖ i64be(seq) ‖ i64be(recorded_at) ‖ str(event_type)
///   ‖ (0x00 | 0x01 ‖ envelope id, 16 bytes big-endian) ‖ str(peer_node) ‖ str(reason_code) ‖ str(detail)
/// "liaison-audit-v2" ‖ 0x00 ‖ the same up to peer_node ‖ str(actor) ‖ str(subject) ‖ str(reason_code) ‖ str(detail)
/// str(s) = u32be(byte length of UTF-8(s)) ‖ UTF-8(s)
/// </code>
/// Strict: every byte must be accounted for and every string must be valid UTF-8. Thread-safe.
/// </summary>
public static class AuditLeafCodec
{
    public const string FormatV1 = "liaison-audit-v1";

    public const string FormatV2 = "liaison-audit-v2";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="FormatException">The bytes are not canonical audit entry bytes of a format this version knows; the message says where.</exception>
    public static AuditLeafFields Decode(ReadOnlySpan<byte> data)
    {
        var reader = new Reader(data);
        var label = reader.Label();
        if (label is not (FormatV1 or FormatV2))
        {
            throw new FormatException($"its leaf data is of format '{label}', which this verifier does not know");
        }

        var seq = reader.Int64("seq");
        var recordedAt = reader.Int64("recorded_at");
        var eventType = reader.String("event_type");
        var envelopeId = reader.Byte("envelope id marker") switch
        {
            0 => (Guid?)null,
            1 => new Guid(reader.Bytes(16, "envelope_id"), bigEndian: true),
            var other => throw new FormatException($"its envelope id marker is {other}, not 0 or 1"),
        };
        var peerNode = reader.String("peer_node");
        var (actor, subject) = label == FormatV2 ? (reader.String("actor"), reader.String("subject")) : ((string?)null, (string?)null);
        var fields = new AuditLeafFields(label, seq, recordedAt, eventType, envelopeId, peerNode, reader.String("reason_code"), reader.String("detail"), actor, subject);
        reader.End();
        return fields;
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> rest = data;

        public string Label()
        {
            var end = rest.IndexOf((byte)0);
            if (end <= 0 || end > 64)
            {
                throw new FormatException("its leaf data does not start with a format label");
            }

            var label = Encoding.ASCII.GetString(rest[..end]);
            rest = rest[(end + 1)..];
            return label;
        }

        public long Int64(string field) => BinaryPrimitives.ReadInt64BigEndian(Bytes(8, field));

        public byte Byte(string field) => Bytes(1, field)[0];

        public string String(string field)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(Bytes(4, field + " length"));
            if (length > (uint)rest.Length)
            {
                throw new FormatException($"its leaf data ends inside {field}");
            }

            try
            {
                return StrictUtf8.GetString(Bytes((int)length, field));
            }
            catch (DecoderFallbackException)
            {
                throw new FormatException($"its {field} in the leaf data is not valid UTF-8");
            }
        }

        public ReadOnlySpan<byte> Bytes(int count, string field)
        {
            if (rest.Length < count)
            {
                throw new FormatException($"its leaf data ends inside {field}");
            }

            var bytes = rest[..count];
            rest = rest[count..];
            return bytes;
        }

        public readonly void End()
        {
            if (!rest.IsEmpty)
            {
                throw new FormatException($"its leaf data has {rest.Length} bytes after its last field");
            }
        }
    }
}
