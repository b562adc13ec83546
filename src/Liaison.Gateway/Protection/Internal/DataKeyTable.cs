using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Protection.Internal;

/// <summary>
/// The data_keys table (migration 6): one row per data key, its wrapped bytes and the KEK
/// that wraps them, until the key is erased; then the row stays, without key, as the
/// tombstone that lets a read say "erased" rather than "corrupt".
/// </summary>
internal static class DataKeyTable
{
    public sealed record Row(Guid KeyId, string Scope, string? KekId, byte[]? WrappedKey, DateTimeOffset LastActivityAt, DateTimeOffset? ErasedAt);

    private const string Columns = "key_id, scope, kek_id, wrapped_key, last_activity_at, erased_at";

    public static Task<Row?> FindLiveAsync(StoreSession session, string scope, CancellationToken cancellationToken) =>
        session.QuerySingleAsync($"SELECT {Columns} FROM data_keys WHERE scope = @scope AND erased_at IS NULL", r => Read(r, session), cancellationToken, ("scope", scope));

    public static Task<Row?> FindAsync(StoreSession session, Guid keyId, CancellationToken cancellationToken) =>
        session.QuerySingleAsync($"SELECT {Columns} FROM data_keys WHERE key_id = @id", r => Read(r, session), cancellationToken, ("id", session.Dialect.ToDb(keyId)));

    public static Task InsertAsync(StoreSession session, Guid keyId, string scope, string kekId, byte[] wrapped, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "INSERT INTO data_keys (key_id, scope, kek_id, wrapped_key, created_at, last_activity_at, erased_at) VALUES (@id, @scope, @kek, @wrapped, @now, @now, NULL)",
            cancellationToken, ("id", session.Dialect.ToDb(keyId)), ("scope", scope), ("kek", kekId), ("wrapped", wrapped), ("now", DbValues.Millis(now)));

    public static Task TouchAsync(StoreSession session, Guid keyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync("UPDATE data_keys SET last_activity_at = @now WHERE key_id = @id AND last_activity_at < @now", cancellationToken,
            ("id", session.Dialect.ToDb(keyId)), ("now", DbValues.Millis(now)));

    /// <summary>Live keys whose last activity is before <paramref name="cutoff"/>, oldest first.</summary>
    public static Task<List<Row>> ListIdleAsync(StoreSession session, DateTimeOffset cutoff, int limit, CancellationToken cancellationToken) =>
        session.QueryAsync($"SELECT {Columns} FROM data_keys WHERE erased_at IS NULL AND last_activity_at < @cutoff ORDER BY last_activity_at LIMIT @limit",
            r => Read(r, session), cancellationToken, ("cutoff", DbValues.Millis(cutoff)), ("limit", limit));

    /// <summary>Destroys the key: the wrapped bytes are overwritten with NULL in place and the row kept as a tombstone.</summary>
    public static Task EraseAsync(StoreSession session, Guid keyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync("UPDATE data_keys SET wrapped_key = NULL, kek_id = NULL, erased_at = @now WHERE key_id = @id", cancellationToken,
            ("id", session.Dialect.ToDb(keyId)), ("now", DbValues.Millis(now)));

    public static Task<List<Row>> ListWrappedByOthersAsync(StoreSession session, string currentKekId, int limit, CancellationToken cancellationToken) =>
        session.QueryAsync($"SELECT {Columns} FROM data_keys WHERE erased_at IS NULL AND kek_id <> @kek ORDER BY key_id LIMIT @limit",
            r => Read(r, session), cancellationToken, ("kek", currentKekId), ("limit", limit));

    public static Task RewrapAsync(StoreSession session, Guid keyId, string kekId, byte[] wrapped, CancellationToken cancellationToken) =>
        session.ExecuteAsync("UPDATE data_keys SET kek_id = @kek, wrapped_key = @wrapped WHERE key_id = @id", cancellationToken,
            ("id", session.Dialect.ToDb(keyId)), ("kek", kekId), ("wrapped", wrapped));

    /// <summary>How many live data keys each KEK wraps.</summary>
    public static async Task<Dictionary<string, long>> CountByKekAsync(StoreSession session, CancellationToken cancellationToken) =>
        (await session.QueryAsync("SELECT kek_id, COUNT(*) FROM data_keys WHERE erased_at IS NULL GROUP BY kek_id",
            r => (r.GetString(0), Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)), cancellationToken))
        .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    public static Task<long> CountErasedAsync(StoreSession session, CancellationToken cancellationToken) =>
        session.ScalarAsync<long>("SELECT COUNT(*) FROM data_keys WHERE erased_at IS NOT NULL", cancellationToken);

    public static Task<long> CountMessagesAsync(StoreSession session, Guid keyId, CancellationToken cancellationToken) =>
        session.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE data_key_id = @id", cancellationToken, ("id", session.Dialect.ToDb(keyId)));

    private static Row Read(System.Data.Common.DbDataReader r, StoreSession session) => new(
        session.Dialect.ReadGuid(r, 0),
        r.GetString(1),
        r.IsDBNull(2) ? null : r.GetString(2),
        r.IsDBNull(3) ? null : (byte[])r.GetValue(3),
        DbValues.Time(r.GetInt64(4)),
        r.IsDBNull(5) ? null : DbValues.Time(r.GetInt64(5)));
}
