using Liaison.Audit.Internal;
using NSec.Cryptography;

namespace Liaison.Audit.Notes;

/// <summary>A trusted Ed25519 note key (signature type 0x01). Immutable and thread-safe.</summary>
public sealed class Ed25519NoteVerifier : INoteVerifier
{
    private readonly PublicKey _key;
    private readonly byte[] _publicKey;

    public Ed25519NoteVerifier(string keyName, ReadOnlySpan<byte> publicKey)
    {
        NoteKeyName.Validate(keyName);
        _key = Ed25519Keys.ImportPublicKey(publicKey);
        _publicKey = publicKey.ToArray();
        KeyName = keyName;
        KeyHash = NoteKeyId.Compute(keyName, NoteSignatureType.Ed25519, publicKey);
    }

    public string KeyName { get; }

    public uint KeyHash { get; }

    /// <summary>
    /// Parses a verifier key in the text form of golang.org/x/mod/sumdb/note
    /// (<c>name+hex key ID+base64(0x01 ‖ public key)</c>) and checks that the key ID matches.
    /// </summary>
    public static Ed25519NoteVerifier Parse(string verifierKey)
    {
        var (name, _, publicKey) = VerifierKeyText.Parse(verifierKey, NoteSignatureType.Ed25519, Ed25519Keys.PublicKeyLength);
        return new Ed25519NoteVerifier(name, publicKey);
    }

    /// <summary>The verifier key in its text form (see <see cref="Parse"/>).</summary>
    public override string ToString() => VerifierKeyText.Format(KeyName, KeyHash, NoteSignatureType.Ed25519, _publicKey);

    public bool Verify(byte[] message, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signature);
        return Ed25519Keys.Verify(_key, message, signature);
    }
}
