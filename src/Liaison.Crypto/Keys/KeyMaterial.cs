using Liaison.Crypto.V1;

namespace Liaison.Crypto.Keys;

/// <summary>
/// A public key parsed once into the library's working form. Parsing (point
/// decompression, matrix expansion for ML-KEM) is the slow part of using a key,
/// so instances are built when an agreement or key file is loaded and reused.
/// Immutable and thread-safe.
/// </summary>
public sealed class PublicKeyMaterial
{
    internal PublicKeyMaterial(KeyAlgorithm algorithm, byte[] keyId, byte[] encoded, object parsed)
    {
        Algorithm = algorithm;
        KeyId = keyId;
        Encoded = encoded;
        Parsed = parsed;
    }

    public KeyAlgorithm Algorithm { get; }

    public ReadOnlyMemory<byte> KeyId { get; }

    public ReadOnlyMemory<byte> Encoded { get; }

    internal object Parsed { get; }

    /// <summary>Parses and checks an encoded public key; throws <see cref="FormatException"/> if it is not a valid key.</summary>
    public static PublicKeyMaterial Parse(KeyAlgorithm algorithm, ReadOnlySpan<byte> encoded)
    {
        var bytes = encoded.ToArray();
        return new PublicKeyMaterial(algorithm, KeyIds.Derive(algorithm, bytes), bytes, KeyCodec.ParsePublic(algorithm, bytes));
    }
}

/// <summary>
/// A private key parsed once. Its <see cref="ToString"/> never shows key bytes.
/// Immutable and thread-safe.
/// </summary>
public sealed class PrivateKeyMaterial
{
    private readonly byte[] encoded;

    internal PrivateKeyMaterial(KeyAlgorithm algorithm, byte[] encoded, PublicKeyMaterial publicKey, object parsed)
    {
        Algorithm = algorithm;
        this.encoded = encoded;
        PublicKey = publicKey;
        Parsed = parsed;
    }

    public KeyAlgorithm Algorithm { get; }

    public PublicKeyMaterial PublicKey { get; }

    public ReadOnlyMemory<byte> KeyId => PublicKey.KeyId;

    internal object Parsed { get; }

    /// <summary>The private key encoding, for writing an encrypted key file or a test vector.</summary>
    internal ReadOnlySpan<byte> EncodedPrivateKey => encoded;

    /// <summary>Parses an encoded private key and derives its public key.</summary>
    public static PrivateKeyMaterial Parse(KeyAlgorithm algorithm, ReadOnlySpan<byte> encoded)
    {
        var bytes = encoded.ToArray();
        var (parsed, publicEncoded) = KeyCodec.ParsePrivate(algorithm, bytes);
        return new PrivateKeyMaterial(algorithm, bytes, PublicKeyMaterial.Parse(algorithm, publicEncoded), parsed);
    }

    public override string ToString() => $"{Algorithm} private key {Convert.ToHexStringLower(KeyId.Span)}";
}
