using Liaison.Gateway.Protection.Internal;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Protection;

/// <summary>
/// Field-level encryption inside the store (see deploy/data-protection.md): each message's
/// personal columns (its payload, and an inbound envelope, which this node's own key opens)
/// are encrypted with AES-256-GCM under the data key of its case, and the data keys are
/// kept only wrapped by a KEK from <see cref="IKeyEncryptionKeys"/>. Unwrapped data keys are
/// cached, so the group-commit writer pays one AES-GCM per field. Thread-safe.
/// </summary>
public sealed class FieldProtection
{
    internal const string PayloadColumn = "payload";
    internal const string EnvelopeColumn = "envelope_bytes";

    // A data key's last activity is recorded at most this often: retention is counted in days.
    private static readonly TimeSpan TouchGranularity = TimeSpan.FromMinutes(1);

    private FieldProtection(IKeyEncryptionKeys? keys) => Keys = keys;

    /// <summary>
    /// No encryption: columns are written in clear, and an encrypted column cannot be read.
    /// For tools that read only metadata and the audit log (audit verify), and tests of other things.
    /// </summary>
    public static FieldProtection None { get; } = new(null);

    public static FieldProtection With(IKeyEncryptionKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return new FieldProtection(keys);
    }

    public bool IsEnabled => Keys is not null;

    internal IKeyEncryptionKeys? Keys { get; }

    private readonly FieldScratch scratch = new();

    internal DataKeyCache Cache { get; } = new();

    /// <summary>The columns of a message as stored: encrypted under its case's data key, made or looked up in the writer's transaction.</summary>
    internal async Task<StoredFields> SealAsync(StoreSession session, MessageRecord message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var envelopeIsPersonal = message.Direction == MessageDirection.Inbound;
        if (Keys is null || (message.Payload is null && !envelopeIsPersonal))
        {
            return new StoredFields(null, DbValues.Bytes(message.Payload), DbValues.Blob(message.EnvelopeBytes));
        }

        var (keyId, key) = await CaseKeyAsync(session, DataKeyScope.Of(message), now, cancellationToken);
        return new StoredFields(
            keyId,
            message.Payload is { } payload
                ? FieldCipher.Encrypt(key, keyId, message.EnvelopeId, PayloadColumn, payload.Span, scratch.Take(FieldScratch.PayloadSlot, FieldCipher.Overhead + payload.Length))
                : null,
            envelopeIsPersonal
                ? FieldCipher.Encrypt(key, keyId, message.EnvelopeId, EnvelopeColumn, message.EnvelopeBytes.Span, scratch.Take(FieldScratch.EnvelopeSlot, FieldCipher.Overhead + message.EnvelopeBytes.Length))
                : DbValues.Blob(message.EnvelopeBytes))
        {
            IsEncrypted = true,
        };
    }

    /// <summary>
    /// Hands the encrypted arrays of <paramref name="fields"/> back for the next write. Call only
    /// once the statement that stored them has run, and never use <paramref name="fields"/> again.
    /// </summary>
    internal void Release(StoredFields fields)
    {
        if (fields.IsEncrypted)
        {
            scratch.Return(FieldScratch.PayloadSlot, fields.Payload);
            scratch.Return(FieldScratch.EnvelopeSlot, fields.EnvelopeBytes);
        }
    }

    /// <summary>A stored message with its personal columns decrypted.</summary>
    /// <param name="whenErased">
    /// True to return a message whose case was erased without its personal data (no payload,
    /// empty envelope bytes), as listings and the writer need; false to throw.
    /// </param>
    /// <exception cref="CaseErasedException">The case was erased and <paramref name="whenErased"/> is false.</exception>
    /// <exception cref="ProtectedFieldException">A column does not decrypt (altered, or moved from another row), or no KEK held wraps its data key.</exception>
    internal async Task<MessageRecord> OpenAsync(StoreSession session, MessageRecord stored, Guid? dataKeyId, bool whenErased, CancellationToken cancellationToken)
    {
        if (dataKeyId is not { } keyId)
        {
            return stored;
        }

        var key = await DataKeyAsync(session, stored.EnvelopeId, keyId, whenErased, cancellationToken);
        if (key is null)
        {
            return stored with { Payload = null, EnvelopeBytes = ReadOnlyMemory<byte>.Empty };
        }

        return stored with
        {
            // Through OptionalBytes: a bare null in this conditional would become an empty, present payload.
            Payload = OptionalBytes.From(stored.Payload is { } payload ? Decrypt(key, keyId, stored.EnvelopeId, PayloadColumn, payload) : null),
            EnvelopeBytes = stored.Direction == MessageDirection.Inbound ? Decrypt(key, keyId, stored.EnvelopeId, EnvelopeColumn, stored.EnvelopeBytes) : stored.EnvelopeBytes,
        };
    }

    /// <summary>One decrypted payload column, for <see cref="IGatewayStore.GetPayloadAsync"/>.</summary>
    internal async Task<ReadOnlyMemory<byte>?> OpenPayloadAsync(StoreSession session, Guid envelopeId, ReadOnlyMemory<byte>? payload, Guid? dataKeyId, CancellationToken cancellationToken)
    {
        if (dataKeyId is not { } keyId || payload is not { } blob)
        {
            return payload;
        }

        var key = await DataKeyAsync(session, envelopeId, keyId, whenErased: false, cancellationToken);
        return Decrypt(key!, keyId, envelopeId, PayloadColumn, blob);
    }

    private static byte[] Decrypt(byte[] key, Guid keyId, Guid envelopeId, string column, ReadOnlyMemory<byte> blob) =>
        FieldCipher.TryDecrypt(key, keyId, envelopeId, column, blob.Span)
        ?? throw new ProtectedFieldException($"The stored {column} of message {envelopeId:D} does not decrypt under its case's data key: it was altered, or moved from another row.");

    private async Task<(Guid KeyId, byte[] Key)> CaseKeyAsync(StoreSession session, string scope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await DataKeyTable.FindLiveAsync(session, scope, cancellationToken) is { } row)
        {
            if (now - row.LastActivityAt >= TouchGranularity)
            {
                await DataKeyTable.TouchAsync(session, row.KeyId, now, cancellationToken);
            }

            var epoch = Cache.Epoch;
            var cached = Cache.Find(row.KeyId);
            if (cached is null)
            {
                cached = Unwrap(row);
                Cache.Add(row.KeyId, cached, epoch);
            }

            return (row.KeyId, cached);
        }

        var ring = Keys!.Ring;
        var keyId = Guid.CreateVersion7(now);
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(KeyEncryptionKey.DataKeyBytes);
        await DataKeyTable.InsertAsync(session, keyId, scope, ring.Current.Id, ring.Current.Wrap(key, keyId), now, cancellationToken);
        // Cached before the commit: if the transaction rolls back, no row names this random id.
        Cache.Add(keyId, key, Cache.Epoch);
        return (keyId, key);
    }

    private async Task<byte[]?> DataKeyAsync(StoreSession session, Guid envelopeId, Guid keyId, bool whenErased, CancellationToken cancellationToken)
    {
        var epoch = Cache.Epoch;
        if (Cache.Find(keyId) is { } cached)
        {
            return cached;
        }

        var row = await DataKeyTable.FindAsync(session, keyId, cancellationToken)
            ?? throw new ProtectedFieldException($"The data key of message {envelopeId:D} is missing from the store.");
        if (row.ErasedAt is { } erasedAt)
        {
            return whenErased ? null : throw new CaseErasedException(envelopeId, erasedAt);
        }

        var key = Unwrap(row);
        Cache.Add(keyId, key, epoch);
        return key;
    }

    private byte[] Unwrap(DataKeyTable.Row row)
    {
        if (Keys is null)
        {
            throw new ProtectedFieldException("The store holds encrypted personal data, but it was opened without a key-encryption key.");
        }

        var ring = Keys.Ring;
        var kek = ring.Find(row.KekId ?? "")
            ?? throw new ProtectedFieldException($"A data key is wrapped by key-encryption key {row.KekId}, which this node no longer holds (it holds {string.Join(", ", ring.Ids)}).");
        return kek.TryUnwrap(row.WrappedKey, row.KeyId)
            ?? throw new ProtectedFieldException($"A data key wrapped by key-encryption key {row.KekId} does not unwrap: its stored bytes were altered.");
    }
}

/// <summary>A message's columns as written: the data key they are under (none when clear), the payload and the envelope.</summary>
internal readonly record struct StoredFields(Guid? DataKeyId, byte[]? Payload, byte[] EnvelopeBytes)
{
    /// <summary>True when the arrays are encrypted copies the protection may reuse (<see cref="FieldProtection.Release"/>); false when they are the message's own.</summary>
    public bool IsEncrypted { get; init; }
}
