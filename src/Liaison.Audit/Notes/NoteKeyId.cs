using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Liaison.Audit.Notes;

/// <summary>
/// Key IDs as the signed-note spec recommends: the first four bytes, big-endian,
/// of SHA-256(key name ‖ 0x0A ‖ signature type ‖ public key). Binding the type
/// lets one key and name serve two signature types without ambiguity.
/// </summary>
public static class NoteKeyId
{
    public static uint Compute(string keyName, byte signatureType, ReadOnlySpan<byte> publicKey)
    {
        NoteKeyName.Validate(keyName);
        var name = Encoding.UTF8.GetBytes(keyName);
        var input = new byte[name.Length + 2 + publicKey.Length];
        name.CopyTo(input, 0);
        input[name.Length] = 0x0A;
        input[name.Length + 1] = signatureType;
        publicKey.CopyTo(input.AsSpan(name.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    /// <summary>The key ID of an SM2 note key (see <see cref="NoteSignatureType.Unassigned"/>).</summary>
    public static uint ForSm2(string keyName, ReadOnlySpan<byte> uncompressedPublicKey) =>
        Compute(keyName, NoteSignatureType.Unassigned, [.. Encoding.ASCII.GetBytes(NoteSignatureType.Sm2Identifier), .. uncompressedPublicKey]);
}
