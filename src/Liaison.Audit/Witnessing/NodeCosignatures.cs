using System.Buffers.Binary;
using System.Text;
using Liaison.Audit.Checkpoints;
using Liaison.Audit.Notes;
using Liaison.Crypto.V1;

namespace Liaison.Audit.Witnessing;

/// <summary>
/// The cosignature a gateway node adds, as a witness, to its partner's checkpoints: the
/// message of C2SP tlog-cosignature (<c>cosignature/v1\ntime T\n</c> ‖ checkpoint body),
/// signed with the node's own agreement key, and the signature line
/// <c>u64be(T) ‖ signature</c>. In the international suite this is exactly a
/// cosignature/v1 (type 0x04, Ed25519) that any C2SP verifier checks with the node's
/// public key. SM2 has no assigned type: its lines use 0xFF followed by
/// <see cref="Sm2Identifier"/> in the key ID, like Liaison's SM2 note signatures.
/// <para>
/// The node's key also signs its own checkpoints (type 0x01 or the SM2 note type), which the
/// cosignature header keeps apart: a checkpoint body starts with its origin line, never with
/// "cosignature/v1". The key IDs differ by type too, so a line is never read as the other kind.
/// </para>
/// </summary>
public static class NodeCosignatures
{
    /// <summary>The identifier after 0xFF for a node's SM2/SM3 cosignature. ASCII, ending in a newline.</summary>
    public const string Sm2Identifier = "liaison/sm2-sm3-cosignature/v1\n";

    /// <summary>The cosignature key ID of a node's signing key in <paramref name="suite"/>.</summary>
    public static uint KeyHash(string node, Suite suite, ReadOnlySpan<byte> publicKey) => suite switch
    {
        Suite.InternationalV1 => NoteKeyId.Compute(node, NoteSignatureType.CosignatureV1, publicKey),
        Suite.GmV1 => NoteKeyId.Compute(node, NoteSignatureType.Unassigned, [.. Encoding.ASCII.GetBytes(Sm2Identifier), .. publicKey]),
        _ => throw new ArgumentOutOfRangeException(nameof(suite), suite, "Not a suite with a cosignature type."),
    };

    /// <summary>The time a cosignature line claims, or null when it is too short to hold one or out of range.</summary>
    public static DateTimeOffset? TimeOf(NoteSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Signature.Length <= 8)
        {
            return null;
        }

        var seconds = BinaryPrimitives.ReadUInt64BigEndian(signature.Signature.AsSpan());
        return seconds > (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? null : DateTimeOffset.FromUnixTimeSeconds((long)seconds);
    }

    /// <summary>The bytes signed for the note text <paramref name="noteText"/> at <paramref name="unixSeconds"/> (the cosignature/v1 message).</summary>
    internal static byte[] Message(byte[] noteText, ulong unixSeconds) => CosignatureV1.Message(noteText, unixSeconds);
}
