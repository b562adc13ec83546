using System.Security.Cryptography;
using System.Text;

namespace Liaison.Gateway.Protection;

/// <summary>
/// A key-encryption key (KEK): 32 random bytes that wrap the data keys with AES-256-GCM.
/// Its id is derived from the key itself (a truncated SHA-256 under a label), so that a
/// wrapped data key names the KEK it needs without any other record, and a wrong KEK is
/// recognised by its id before anything is decrypted. <see cref="ToString"/> gives the id
/// only: the key never reaches a log or an exception message.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const int KeyBytes = 32;

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] IdLabel = Encoding.ASCII.GetBytes("liaison/kek-id/v1\0");
    private static readonly byte[] WrapLabel = Encoding.ASCII.GetBytes("liaison/data-key/v1\0");

    private readonly byte[] key;

    private KeyEncryptionKey(byte[] key)
    {
        this.key = key;
        Id = "kek-" + Convert.ToHexStringLower(SHA256.HashData([.. IdLabel, .. key]).AsSpan(0, 8));
    }

    /// <summary>"kek-" and 16 hexadecimal digits, e.g. "kek-3f9a0c1d2e4b5a67".</summary>
    public string Id { get; }

    /// <summary>The length of a wrapped data key: nonce, the key's ciphertext and the GCM tag.</summary>
    public static int WrappedBytes => NonceBytes + DataKeyBytes + TagBytes;

    /// <summary>The length of a data key.</summary>
    public const int DataKeyBytes = 32;

    public static KeyEncryptionKey Generate() => new(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <exception cref="ArgumentException">Not 32 bytes.</exception>
    public static KeyEncryptionKey FromBytes(ReadOnlySpan<byte> key) =>
        key.Length == KeyBytes ? new KeyEncryptionKey(key.ToArray()) : throw new ArgumentException($"A key-encryption key is {KeyBytes} bytes.", nameof(key));

    /// <summary>The key as its file and environment-variable text: base64 of its 32 bytes.</summary>
    public string ToText() => Convert.ToBase64String(key);

    /// <summary>Wraps a data key; the associated data binds it to its key id and to this KEK's id.</summary>
    public byte[] Wrap(ReadOnlySpan<byte> dataKey, Guid dataKeyId)
    {
        if (dataKey.Length != DataKeyBytes)
        {
            throw new ArgumentException($"A data key is {DataKeyBytes} bytes.", nameof(dataKey));
        }

        var wrapped = new byte[WrappedBytes];
        var nonce = wrapped.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, dataKey, wrapped.AsSpan(NonceBytes, DataKeyBytes), wrapped.AsSpan(NonceBytes + DataKeyBytes), AssociatedData(dataKeyId));
        return wrapped;
    }

    /// <returns>The data key, or null when the wrapped bytes were not made by this KEK for this data key id.</returns>
    public byte[]? TryUnwrap(ReadOnlySpan<byte> wrapped, Guid dataKeyId)
    {
        if (wrapped.Length != WrappedBytes)
        {
            return null;
        }

        var dataKey = new byte[DataKeyBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(wrapped[..NonceBytes], wrapped.Slice(NonceBytes, DataKeyBytes), wrapped[(NonceBytes + DataKeyBytes)..], dataKey, AssociatedData(dataKeyId));
            return dataKey;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    /// <summary>A key for another purpose, derived from this KEK with HKDF-SHA256 under <paramref name="label"/>.</summary>
    internal byte[] DeriveKey(string label) => HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, salt: [], info: Encoding.ASCII.GetBytes(label));

    public override string ToString() => Id;

    private byte[] AssociatedData(Guid dataKeyId) => [.. WrapLabel, .. dataKeyId.ToByteArray(bigEndian: true), .. Encoding.ASCII.GetBytes(Id)];
}
