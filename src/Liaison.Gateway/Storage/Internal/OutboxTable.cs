using System.Data.Common;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>The outbox table's SQL. Rows leave the outbox when their publish is confirmed, or when they became pointless.</summary>
internal static class OutboxTable
{
    private const string Returned = "outbox_id, envelope_id, destination, kind, bytes, attempts";

    private static readonly MultiRowInsert Insert = new("outbox (envelope_id, destination, kind, bytes, attempts, next_attempt_at)", 6);

    public static Task InsertAsync(StoreSession session, Guid envelopeId, string destination, OutboxKind kind, ReadOnlyMemory<byte> bytes, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        InsertManyAsync(session, [(envelopeId, destination, kind, bytes)], dueAt, cancellationToken);

    /// <summary>Queues several rows at once (a write batch's receipts), as <see cref="InsertAsync"/> does each.</summary>
    public static Task InsertManyAsync(StoreSession session, IReadOnlyList<(Guid EnvelopeId, string Destination, OutboxKind Kind, ReadOnlyMemory<byte> Bytes)> rows, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        Insert.InsertAsync(session, rows, (row, values) =>
        {
            values[0] = session.Dialect.ToDb(row.EnvelopeId);
            values[1] = row.Destination;
            values[2] = row.Kind.ToString();
            values[3] = DbValues.Blob(row.Bytes);
            values[4] = 0;
            values[5] = DbValues.Millis(dueAt);
        }, cancellationToken);

    /// <summary>
    /// Leases the oldest due rows until <paramref name="leaseUntil"/>, counting the attempt: at most
    /// <paramref name="max"/> of them, and no more than fit in <paramref name="maxBytes"/> (the first
    /// one always, however large), so that a batch of attachment chunks is bounded in memory too.
    /// </summary>
    public static async Task<List<OutboxItem>> ClaimDueAsync(StoreSession session, DateTimeOffset now, DateTimeOffset leaseUntil, int max, long maxBytes, CancellationToken cancellationToken)
    {
        // The running total is a window SUM over the due rows in claim order (SQLite 3.28+ and
        // PostgreSQL alike); length() of a blob is read from the row header, not the blob. An
        // envelope's row holds no bytes of its own (SubmitOperation): its size is its message's.
        var claimed = await session.QueryAsync(
            $"""
            UPDATE outbox SET attempts = attempts + 1, next_attempt_at = @lease_until
            WHERE outbox_id IN (
                SELECT outbox_id FROM (
                    SELECT outbox_id, ROW_NUMBER() OVER due_order AS position, SUM(size) OVER due_order AS running
                    FROM (SELECT o.outbox_id, o.next_attempt_at,
                                 CASE WHEN length(o.bytes) > 0 THEN length(o.bytes)
                                      ELSE (SELECT length(b.envelope_bytes) FROM messages m JOIN message_bodies b ON b.arrival_seq = m.arrival_seq WHERE m.envelope_id = o.envelope_id) END AS size
                          FROM outbox o
                          WHERE o.next_attempt_at <= @now ORDER BY o.next_attempt_at, o.outbox_id LIMIT @max) AS due
                    WINDOW due_order AS (ORDER BY next_attempt_at, outbox_id ROWS UNBOUNDED PRECEDING)) AS sized
                WHERE position = 1 OR running <= @max_bytes)
            RETURNING {Returned}
            """,
            r => Read(r, session.Dialect),
            cancellationToken,
            ("lease_until", DbValues.Millis(leaseUntil)),
            ("now", DbValues.Millis(now)),
            ("max", max),
            ("max_bytes", maxBytes));

        await WithEnvelopesAsync(session, claimed, cancellationToken);

        // RETURNING promises no order; publish in the order the rows were queued.
        claimed.Sort((a, b) => a.Id.CompareTo(b.Id));
        return claimed;
    }

    /// <summary>Puts each envelope row's bytes in from its message (rows queued before they were kept there only hold their own).</summary>
    private static async Task WithEnvelopesAsync(StoreSession session, List<OutboxItem> items, CancellationToken cancellationToken)
    {
        var missing = items.Where(i => i.Kind == OutboxKind.Envelope && i.Bytes.IsEmpty).Select(i => i.EnvelopeId).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var envelopes = new Dictionary<Guid, byte[]>(missing.Count);
        await InList.ForEachChunkAsync(
            missing,
            "SELECT envelope_id, envelope_bytes FROM messages JOIN message_bodies USING (arrival_seq) WHERE envelope_id IN ({keys})",
            id => session.Dialect.ToDb(id),
            async (sql, parameters) =>
            {
                foreach (var (id, bytes) in await session.QueryAsync(sql, r => (session.Dialect.ReadGuid(r, 0), (byte[])r.GetValue(1)), cancellationToken, parameters))
                {
                    envelopes[id] = bytes;
                }
            });
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Kind == OutboxKind.Envelope && items[i].Bytes.IsEmpty)
            {
                items[i] = items[i] with
                {
                    Bytes = envelopes.GetValueOrDefault(items[i].EnvelopeId)
                        ?? throw new InvalidOperationException($"Outbox row {items[i].Id} is for envelope {items[i].EnvelopeId}, which has no message row to send it from."),
                };
            }
        }
    }

    /// <summary>Removes a confirmed row; null when it is already gone.</summary>
    public static Task<OutboxItem?> DeleteAsync(StoreSession session, long outboxId, CancellationToken cancellationToken) =>
        session.QuerySingleAsync($"DELETE FROM outbox WHERE outbox_id = @id RETURNING {Returned}", r => Read(r, session.Dialect), cancellationToken,
            ("id", outboxId));

    /// <summary>Removes confirmed rows; the ones already gone are not returned. The bytes are not read back.</summary>
    public static async Task<List<(long Id, Guid EnvelopeId, string Destination, OutboxKind Kind)>> DeleteManyAsync(StoreSession session, IReadOnlyList<long> outboxIds, CancellationToken cancellationToken)
    {
        var removed = new List<(long, Guid, string, OutboxKind)>(outboxIds.Count);
        await InList.ForEachChunkAsync(
            outboxIds,
            "DELETE FROM outbox WHERE outbox_id IN ({keys}) RETURNING outbox_id, envelope_id, destination, kind",
            id => id,
            async (sql, parameters) => removed.AddRange(await session.QueryAsync(
                sql, r => (r.GetInt64(0), session.Dialect.ReadGuid(r, 1), r.GetString(2), Enum.Parse<OutboxKind>(r.GetString(3))), cancellationToken, parameters)));
        return removed;
    }

    /// <summary>Drops an envelope's unpublished rows, once a receipt or its expiry made publishing pointless.</summary>
    public static Task DeleteEnvelopeAsync(StoreSession session, Guid envelopeId, CancellationToken cancellationToken) =>
        session.ExecuteAsync("DELETE FROM outbox WHERE envelope_id = @id AND kind = @kind", cancellationToken,
            ("id", session.Dialect.ToDb(envelopeId)), ("kind", nameof(OutboxKind.Envelope)));

    /// <summary>
    /// Makes every row due now: at start-up, the leases and backoffs of the previous run of this
    /// node (which is the store's only dispatcher) are void, and a row it had leased when it
    /// was killed would otherwise wait out the lease.
    /// </summary>
    /// <returns>How many rows were made due.</returns>
    public static Task<int> ReleaseAllAsync(StoreSession session, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync("UPDATE outbox SET next_attempt_at = @now WHERE next_attempt_at > @now", cancellationToken, ("now", DbValues.Millis(now)));

    /// <summary>Whether any row is leased or backed off beyond <paramref name="now"/>.</summary>
    public static async Task<bool> AnyNotDueAsync(StoreSession session, DateTimeOffset now, CancellationToken cancellationToken) =>
        await session.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE next_attempt_at > @now", cancellationToken, ("now", DbValues.Millis(now))) > 0;

    /// <summary>Whether a row of this kind for the envelope is still waiting to be published.</summary>
    public static async Task<bool> HasPendingAsync(StoreSession session, Guid envelopeId, OutboxKind kind, CancellationToken cancellationToken) =>
        await session.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE envelope_id = @id AND kind = @kind", cancellationToken,
            ("id", session.Dialect.ToDb(envelopeId)), ("kind", kind.ToString())) > 0;

    /// <summary>Makes a row due again; null when it is already gone.</summary>
    public static Task<OutboxItem?> RescheduleAsync(StoreSession session, long outboxId, DateTimeOffset dueAt, string errorCode, CancellationToken cancellationToken) =>
        session.QuerySingleAsync(
            $"UPDATE outbox SET next_attempt_at = @due, last_error = @error WHERE outbox_id = @id RETURNING {Returned}",
            r => Read(r, session.Dialect),
            cancellationToken,
            ("due", DbValues.Millis(dueAt)),
            ("error", errorCode),
            ("id", outboxId));

    private static OutboxItem Read(DbDataReader r, SqlDialect dialect) => new(
        r.GetInt64(0),
        dialect.ReadGuid(r, 1),
        r.GetString(2),
        Enum.Parse<OutboxKind>(r.GetString(3)),
        (byte[])r.GetValue(4),
        r.GetInt32(5));
}
