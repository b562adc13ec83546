using System.Buffers.Binary;
using Liaison.Audit.Internal;
using Liaison.Audit.Notes;
using NSec.Cryptography;

namespace Liaison.Audit.Checkpoints;

/// <summary>
/// A witness's cosigning key (cosignature/v1, type 0x04). As an <see cref="INoteSigner"/>
/// it plugs into <see cref="SignedCheckpoint.WithSignature"/>; the time comes from the
/// injected clock. Must be a different key from any log key: the v1 message does not
/// commit to the cosigner's name. Thread-safe; dispose to free the key.
/// </summary>
public sealed class Ed25519Cosigner : INoteSigner, IDisposable
{
    private readonly Key _key;
    private readonly byte[] _publicKey;
    private readonly TimeProvider _clock;

    public Ed25519Cosigner(string keyName, ReadOnlySpan<byte> seed, TimeProvider clock)
    {
        NoteKeyName.Validate(keyName);
        ArgumentNullException.ThrowIfNull(clock);
        _key = Ed25519Keys.ImportSeed(seed);
        _publicKey = Ed25519Keys.PublicKeyOf(_key);
        _clock = clock;
        KeyName = keyName;
        KeyHash = NoteKeyId.Compute(keyName, NoteSignatureType.CosignatureV1, _publicKey);
    }

    public string KeyName { get; }

    public uint KeyHash { get; }

    public CosignatureV1Verifier Verifier() => new(KeyName, _publicKey);

    /// <summary>Returns timestamp ‖ Ed25519(cosignature/v1 message) for the note text <paramref name="message"/>.</summary>
    public byte[] Sign(byte[] message)
    {
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        if (now < 0)
        {
            throw new InvalidOperationException("The clock is before 1970; a cosignature timestamp cannot be negative.");
        }
        var signature = new byte[CosignatureV1.SignatureLength];
        BinaryPrimitives.WriteUInt64BigEndian(signature, (ulong)now);
        SignatureAlgorithm.Ed25519.Sign(_key, CosignatureV1.Message(message, (ulong)now), signature.AsSpan(8));
        return signature;
    }

    public void Dispose() => _key.Dispose();
}
