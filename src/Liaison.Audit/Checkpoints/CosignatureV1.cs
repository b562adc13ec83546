using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Liaison.Audit.Notes;

namespace Liaison.Audit.Checkpoints;

/// <summary>
/// The Ed25519 cosignature of https://c2sp.org/tlog-cosignature (signature type 0x04):
/// the signed message is <c>cosignature/v1\ntime &lt;unix seconds&gt;\n</c> followed by the
/// checkpoint body, and the signature is the 8-byte big-endian timestamp ‖ the
/// 64-byte Ed25519 signature. The header gives domain separation from log signatures.
/// </summary>
public static class CosignatureV1
{
    public const string Header = "cosignature/v1";

    /// <summary>Length of a cosignature without its key ID: timestamp and Ed25519 signature.</summary>
    public const int SignatureLength = 8 + 64;

    /// <summary>The bytes the cosigner signs for <paramref name="noteText"/> at <paramref name="unixSeconds"/>.</summary>
    public static byte[] Message(byte[] noteText, ulong unixSeconds)
    {
        ArgumentNullException.ThrowIfNull(noteText);
        var prefix = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Header}\ntime {unixSeconds}\n"));
        return [.. prefix, .. noteText];
    }

    /// <summary>The time a cosignature line claims, or null when the line is not shaped like a cosignature/v1.</summary>
    public static DateTimeOffset? TimeOf(NoteSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Signature.Length != SignatureLength)
        {
            return null;
        }
        var seconds = BinaryPrimitives.ReadUInt64BigEndian(signature.Signature.AsSpan());
        return seconds > (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? null : DateTimeOffset.FromUnixTimeSeconds((long)seconds);
    }
}
