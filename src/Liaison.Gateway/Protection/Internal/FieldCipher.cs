using System.Security.Cryptography;
using System.Text;

namespace Liaison.Gateway.Protection.Internal;

/// <summary>
/// One stored field under a data key: AES-256-GCM, a random 96-bit nonce, and associated
/// data naming the row (envelope id), the column and the data key, so that a ciphertext
/// copied into another row or column, or paired with another key, does not decrypt.
/// Format: 00 4C 46 01 ‖ nonce (12) ‖ ciphertext ‖ tag (16). The leading zero byte is
/// never the first byte of a protobuf message, so a clear column cannot pass for one.
/// </summary>
internal static class FieldCipher
{
    public const int Overhead = 4 + NonceBytes + TagBytes;

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Magic = [0x00, 0x4C, 0x46, 0x01];
    private static readonly byte[] Label = Encoding.ASCII.GetBytes("liaison/field/v1\0");

    public static byte[] Encrypt(byte[] dataKey, Guid dataKeyId, Guid envelopeId, string column, ReadOnlySpan<byte> plaintext) =>
        Encrypt(dataKey, dataKeyId, envelopeId, column, plaintext, reuse: null);

    /// <param name="reuse">An array to write into when it is exactly the size needed (see <see cref="FieldScratch"/>); otherwise a new one is made.</param>
    public static byte[] Encrypt(byte[] dataKey, Guid dataKeyId, Guid envelopeId, string column, ReadOnlySpan<byte> plaintext, byte[]? reuse)
    {
        var blob = reuse?.Length == Overhead + plaintext.Length ? reuse : new byte[Overhead + plaintext.Length];
        Magic.CopyTo(blob, 0);
        var nonce = blob.AsSpan(Magic.Length, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(dataKey, TagBytes);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(Magic.Length + NonceBytes, plaintext.Length), blob.AsSpan(blob.Length - TagBytes), AssociatedData(dataKeyId, envelopeId, column));
        return blob;
    }

    /// <returns>The plaintext, or null when the blob is not one this key made for this row and column.</returns>
    public static byte[]? TryDecrypt(byte[] dataKey, Guid dataKeyId, Guid envelopeId, string column, ReadOnlySpan<byte> blob)
    {
        if (blob.Length < Overhead || !blob[..Magic.Length].SequenceEqual(Magic))
        {
            return null;
        }

        var plaintext = new byte[blob.Length - Overhead];
        try
        {
            using var aes = new AesGcm(dataKey, TagBytes);
            aes.Decrypt(blob.Slice(Magic.Length, NonceBytes), blob.Slice(Magic.Length + NonceBytes, plaintext.Length), blob[^TagBytes..], plaintext, AssociatedData(dataKeyId, envelopeId, column));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private static byte[] AssociatedData(Guid dataKeyId, Guid envelopeId, string column) =>
        [.. Label, .. envelopeId.ToByteArray(bigEndian: true), .. Encoding.ASCII.GetBytes(column), 0, .. dataKeyId.ToByteArray(bigEndian: true)];
}
