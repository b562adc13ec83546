using NSec.Cryptography;

namespace Liaison.Audit.Internal;

/// <summary>libsodium Ed25519 through NSec, as in Liaison.Crypto.</summary>
internal static class Ed25519Keys
{
    public const int SeedLength = 32;
    public const int PublicKeyLength = 32;
    public const int SignatureLength = 64;

    public static Key ImportSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedLength)
        {
            throw new ArgumentException($"An Ed25519 seed is {SeedLength} bytes, not {seed.Length}.", nameof(seed));
        }
        return Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
    }

    public static byte[] PublicKeyOf(Key key) => key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

    public static PublicKey ImportPublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != PublicKeyLength
            || !PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var key)
            || key is null)
        {
            throw new ArgumentException($"Not a {PublicKeyLength}-byte Ed25519 public key.", nameof(publicKey));
        }
        return key;
    }

    public static bool Verify(PublicKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureLength && SignatureAlgorithm.Ed25519.Verify(key, message, signature);
}
