using System.Data.Common;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>The audit table's SQL. Rows are only ever inserted; the table's triggers refuse anything else.</summary>
internal static class AuditTable
{
    private const string Columns = "seq, recorded_at, event_type, envelope_id, peer_node, reason_code, detail, hash";

    public static Task<AuditRow?> ReadLastAsync(StoreSession session, CancellationToken cancellationToken) =>
        session.QuerySingleAsync($"SELECT {Columns} FROM audit ORDER BY seq DESC LIMIT 1", r => Read(r, session.Dialect), cancellationToken);

    public static Task<List<AuditRow>> ReadAsync(StoreSession session, long fromSeq, int max, CancellationToken cancellationToken) =>
        session.QueryAsync($"SELECT {Columns} FROM audit WHERE seq >= @from ORDER BY seq LIMIT @max", r => Read(r, session.Dialect), cancellationToken,
            ("from", fromSeq), ("max", max));

    public static Task InsertAsync(StoreSession session, AuditRow row, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            $"INSERT INTO audit ({Columns}) VALUES (@seq, @recorded_at, @event_type, @envelope_id, @peer_node, @reason_code, @detail, @hash)",
            cancellationToken,
            ("seq", row.Seq),
            ("recorded_at", row.RecordedAt),
            ("event_type", row.EventType),
            ("envelope_id", row.EnvelopeId is { } id ? session.Dialect.ToDb(id) : null),
            ("peer_node", row.PeerNode),
            ("reason_code", row.ReasonCode),
            ("detail", row.Detail),
            ("hash", row.Hash));

    private static AuditRow Read(DbDataReader r, SqlDialect dialect) => new(
        r.GetInt64(0),
        r.GetInt64(1),
        r.GetString(2),
        r.IsDBNull(3) ? null : dialect.ReadGuid(r, 3),
        r.GetString(4),
        r.GetString(5),
        r.GetString(6),
        (byte[])r.GetValue(7));
}
