using Liaison.Audit.Internal;
using NSec.Cryptography;

namespace Liaison.Audit.Notes;

/// <summary>
/// Signs notes with Ed25519 (signature type 0x01). Ed25519 is deterministic, so
/// a note signed twice is byte-identical. Thread-safe; dispose to free the key.
/// </summary>
public sealed class Ed25519NoteSigner : INoteSigner, IDisposable
{
    private readonly Key _key;
    private readonly byte[] _publicKey;

    /// <param name="keyName">The name on the signature line; for a log, its origin.</param>
    /// <param name="seed">The 32-byte RFC 8032 private key.</param>
    public Ed25519NoteSigner(string keyName, ReadOnlySpan<byte> seed)
    {
        NoteKeyName.Validate(keyName);
        _key = Ed25519Keys.ImportSeed(seed);
        KeyName = keyName;
        _publicKey = Ed25519Keys.PublicKeyOf(_key);
        KeyHash = NoteKeyId.Compute(keyName, NoteSignatureType.Ed25519, _publicKey);
    }

    public string KeyName { get; }

    public uint KeyHash { get; }

    /// <summary>The verifier of this key, for the other side's configuration.</summary>
    public Ed25519NoteVerifier Verifier() => new(KeyName, _publicKey);

    public byte[] Sign(byte[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SignatureAlgorithm.Ed25519.Sign(_key, message);
    }

    public void Dispose() => _key.Dispose();
}
