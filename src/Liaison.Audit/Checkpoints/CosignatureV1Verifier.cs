using System.Buffers.Binary;
using Liaison.Audit.Internal;
using Liaison.Audit.Notes;
using NSec.Cryptography;

namespace Liaison.Audit.Checkpoints;

/// <summary>A trusted witness key for cosignature/v1 lines (type 0x04). Immutable and thread-safe.</summary>
public sealed class CosignatureV1Verifier : INoteVerifier
{
    private readonly PublicKey _key;
    private readonly byte[] _publicKey;

    public CosignatureV1Verifier(string keyName, ReadOnlySpan<byte> publicKey)
    {
        NoteKeyName.Validate(keyName);
        _key = Ed25519Keys.ImportPublicKey(publicKey);
        _publicKey = publicKey.ToArray();
        KeyName = keyName;
        KeyHash = NoteKeyId.Compute(keyName, NoteSignatureType.CosignatureV1, publicKey);
    }

    public string KeyName { get; }

    public uint KeyHash { get; }

    /// <summary>Parses <c>name+hex key ID+base64(0x04 ‖ public key)</c>, checking the key ID.</summary>
    public static CosignatureV1Verifier Parse(string verifierKey)
    {
        var (name, _, publicKey) = VerifierKeyText.Parse(verifierKey, NoteSignatureType.CosignatureV1, Ed25519Keys.PublicKeyLength);
        return new CosignatureV1Verifier(name, publicKey);
    }

    public override string ToString() => VerifierKeyText.Format(KeyName, KeyHash, NoteSignatureType.CosignatureV1, _publicKey);

    public bool Verify(byte[] message, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Length != CosignatureV1.SignatureLength)
        {
            return false;
        }
        var timestamp = BinaryPrimitives.ReadUInt64BigEndian(signature);
        // The spec caps the timestamp at 2^63 - 1.
        return timestamp <= long.MaxValue
            && Ed25519Keys.Verify(_key, CosignatureV1.Message(message, timestamp), signature.AsSpan(8));
    }
}
