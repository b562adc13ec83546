using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Protection.Internal;

/// <summary>The store's data-key operations: the start-up check, crypto-erasure, rewrapping and encrypting rows left in clear. Each runs in the writer's transaction.</summary>
internal static class DataKeyMaintenance
{
    private const string ScopeHashLabel = "liaison/erasure-audit/v1";

    /// <summary>Refuses to open a store whose live data keys are wrapped by a KEK the node does not hold.</summary>
    /// <exception cref="DataProtectionException">One sentence naming the missing KEK ids.</exception>
    public static async Task RequireKeysAsync(SqlDialect dialect, FieldProtection protection, CancellationToken cancellationToken)
    {
        if (protection.Keys is not { } keys)
        {
            return;
        }

        await using var connection = await dialect.OpenAsync(cancellationToken);
        var counts = await DataKeyTable.CountByKekAsync(new StoreSession(connection, null, dialect), cancellationToken);
        var ring = keys.Ring;
        var missing = counts.Where(p => ring.Find(p.Key) is null).ToList();
        if (missing.Count > 0)
        {
            var section = ProtectionOptions.Section;
            throw new DataProtectionException(
                $"The store's data keys are wrapped by key-encryption key {string.Join(" and ", missing.Select(p => $"{p.Key} ({p.Value} keys)"))}, which is not configured "
                + $"(this node holds {string.Join(", ", ring.Ids)}): give its file as {section}:KeyEncryptionKeyFile or in {section}:PreviousKeyEncryptionKeyFiles, or check that the right file is configured.");
        }
    }

    /// <summary>Destroys the data keys of cases idle for longer than <paramref name="retention"/> and audits each erasure.</summary>
    public static async Task<IReadOnlyList<ErasedCase>> EraseAsync(WriteContext context, FieldProtection protection, TimeSpan retention, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var session = context.Session;
        var idle = await DataKeyTable.ListIdleAsync(session, now - retention, max, cancellationToken);
        if (idle.Count == 0)
        {
            return [];
        }

        var kek = protection.Keys?.Ring.Current;
        var hashKey = kek?.DeriveKey(ScopeHashLabel);
        var erased = new List<ErasedCase>(idle.Count);
        foreach (var row in idle)
        {
            await DataKeyTable.EraseAsync(session, row.KeyId, now, cancellationToken);
            var messages = await DataKeyTable.CountMessagesAsync(session, row.KeyId, cancellationToken);
            var hash = hashKey is null ? "" : Convert.ToHexStringLower(HMACSHA256.HashData(hashKey, Encoding.UTF8.GetBytes(row.Scope)).AsSpan(0, 16));
            var kind = row.Scope[..row.Scope.IndexOf('/', StringComparison.Ordinal)];
            var entry = new ErasedCase(row.KeyId, hash, kek?.Id ?? "", row.LastActivityAt, now, messages);
            // Ids, counts and a keyed hash only: never the case reference, which the erased data was about.
            await context.Audit.AppendAsync(AuditEventType.CaseErased, null, "", "retention-ended",
                string.Create(CultureInfo.InvariantCulture,
                    $"data key {row.KeyId:D} destroyed: the retention of {retention.TotalDays:0.##} days since its {kind}'s last activity on {row.LastActivityAt:yyyy-MM-dd} ended; "
                    + $"{messages} messages' personal data can no longer be decrypted; {kind} hmac {hash} under {entry.HashKek}"),
                cancellationToken);
            erased.Add(entry);
        }

        return erased;
    }

    /// <summary>Moves up to <paramref name="max"/> data keys from earlier KEKs to the current one; audits the pass when it moved any.</summary>
    public static async Task<RewrapReport> RewrapAsync(WriteContext context, FieldProtection protection, int max, CancellationToken cancellationToken)
    {
        var session = context.Session;
        var ring = (protection.Keys ?? throw new InvalidOperationException("The store was opened without a key-encryption key.")).Ring;
        var current = ring.Current;
        var rewrapped = 0;
        var failed = 0;
        var from = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in await DataKeyTable.ListWrappedByOthersAsync(session, current.Id, max, cancellationToken))
        {
            if (ring.Find(row.KekId ?? "")?.TryUnwrap(row.WrappedKey, row.KeyId) is not { } dataKey)
            {
                failed++;
                continue;
            }

            await DataKeyTable.RewrapAsync(session, row.KeyId, current.Id, current.Wrap(dataKey, row.KeyId), cancellationToken);
            CryptographicOperations.ZeroMemory(dataKey);
            from.Add(row.KekId!);
            rewrapped++;
        }

        var counts = await DataKeyTable.CountByKekAsync(session, cancellationToken);
        var report = new RewrapReport(rewrapped, current.Id, counts, failed);
        if (rewrapped > 0)
        {
            await context.Audit.AppendAsync(AuditEventType.DataKeysRewrapped, null, "", "",
                string.Create(CultureInfo.InvariantCulture,
                    $"{rewrapped} data keys rewrapped from key-encryption key {string.Join(", ", from)} to {current.Id}; {report.Remaining} still wrapped by earlier keys"),
                cancellationToken);
        }

        return report;
    }

    /// <summary>
    /// Encrypts up to <paramref name="max"/> messages whose personal columns are still in clear
    /// (written before field-level encryption) under their cases' data keys; audits the pass,
    /// with counts only, when it encrypted any.
    /// </summary>
    public static async Task<ClearMessagesReport> EncryptClearAsync(WriteContext context, FieldProtection protection, int max, CancellationToken cancellationToken)
    {
        if (!protection.IsEnabled)
        {
            throw new InvalidOperationException("The store was opened without a key-encryption key.");
        }

        var session = context.Session;
        var keys = new HashSet<Guid>();
        var clear = await MessageTable.ListInClearAsync(session, max, cancellationToken);
        foreach (var message in clear)
        {
            keys.Add(await MessageTable.EncryptInPlaceAsync(session, protection, message, cancellationToken));
        }

        var report = new ClearMessagesReport(clear.Count, await MessageTable.CountInClearAsync(session, cancellationToken));
        if (report.Encrypted > 0)
        {
            await context.Audit.AppendAsync(AuditEventType.ClearMessagesEncrypted, null, "", "",
                string.Create(CultureInfo.InvariantCulture,
                    $"{report.Encrypted} messages stored in clear encrypted in place under {keys.Count} data keys; {report.Remaining} still in clear"),
                cancellationToken);
        }

        return report;
    }
}
