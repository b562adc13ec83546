using System.Security.Cryptography;
using Google.Protobuf;

namespace Liaison.Workflows;

/// <summary>
/// Canonical bytes of a signed workflow message: the standard protobuf binary
/// encoding after discarding unknown fields (at every depth). Google.Protobuf
/// writes known fields in field-number order, omits proto3 default values and
/// writes repeated fields in their order; the signed messages have no maps, so
/// this encoding is deterministic and reproducible in other languages. A
/// message carrying fields this version does not know gets a different digest,
/// so its signature fails: a safe refusal, never a silent acceptance.
/// </summary>
internal static class CanonicalProtobuf
{
    public static byte[] Bytes<T>(T message, MessageParser<T> parser)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(message);
        return parser.WithDiscardUnknownFields(true).ParseFrom(message.ToByteArray()).ToByteArray();
    }

    public static byte[] Sha256<T>(T message, MessageParser<T> parser)
        where T : IMessage<T> => SHA256.HashData(Bytes(message, parser));
}
