using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>The audit table's SQL. Rows are only ever inserted; the table's triggers refuse anything else.</summary>
internal static class AuditTable
{
    private const string Columns = "seq, recorded_at, event_type, envelope_id, peer_node, reason_code, detail, hash, actor, subject, format_version";
    private static readonly MultiRowInsert Insert = new($"audit ({Columns})", 11);

    public static Task<AuditRow?> ReadLastAsync(StoreSession session, CancellationToken cancellationToken) =>
        session.QuerySingleAsync($"SELECT {Columns} FROM audit ORDER BY seq DESC LIMIT 1", r => Read(r, session.Dialect), cancellationToken);

    public static Task<List<AuditRow>> ReadAsync(StoreSession session, long fromSeq, int max, CancellationToken cancellationToken) =>
        session.QueryAsync($"SELECT {Columns} FROM audit WHERE seq >= @from ORDER BY seq LIMIT @max", r => Read(r, session.Dialect), cancellationToken,
            ("from", fromSeq), ("max", max));

    /// <summary>Up to <paramref name="max"/> rows matching <paramref name="query"/>'s filters after (or, newest first, before) <paramref name="afterSeq"/>.</summary>
    /// <param name="afterSeq">0 to start at the beginning (or, newest first, at the end).</param>
    public static Task<List<AuditRow>> SearchAsync(StoreSession session, AuditQuery query, long afterSeq, int max, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM audit WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        void Where(string condition, string name, object? value)
        {
            sql.Append(" AND ").Append(condition);
            parameters.Add((name, value));
        }

        if (afterSeq > 0)
        {
            Where(query.NewestFirst ? "seq < @after" : "seq > @after", "after", afterSeq);
        }

        if (query.From is { } from)
        {
            Where("recorded_at >= @from", "from", DbValues.Millis(from));
        }

        if (query.ToExclusive is { } to)
        {
            Where("recorded_at < @to", "to", DbValues.Millis(to));
        }

        if (query.Actor is { Length: > 0 } actor)
        {
            Where("actor = @actor", "actor", actor);
        }

        if (query.Subject is { Length: > 0 } subject)
        {
            Where("subject = @subject", "subject", subject);
        }

        if (query.EnvelopeId is { } envelopeId)
        {
            Where("envelope_id = @envelope", "envelope", session.Dialect.ToDb(envelopeId));
        }

        if (query.EventTypes is { Count: > 0 } types)
        {
            var names = types.Distinct().Select((t, i) => (Name: string.Create(CultureInfo.InvariantCulture, $"t{i}"), Value: t.ToString())).ToList();
            sql.Append(" AND event_type IN (").AppendJoin(", ", names.Select(n => "@" + n.Name)).Append(')');
            parameters.AddRange(names.Select(n => (n.Name, (object?)n.Value)));
        }

        sql.Append(query.NewestFirst ? " ORDER BY seq DESC" : " ORDER BY seq").Append(" LIMIT @max");
        parameters.Add(("max", max));
        return session.QueryAsync(sql.ToString(), r => Read(r, session.Dialect), cancellationToken, [.. parameters]);
    }

    /// <summary>Inserts <paramref name="rows"/> in a few multi-row statements.</summary>
    public static Task InsertAsync(StoreSession session, IReadOnlyList<AuditRow> rows, CancellationToken cancellationToken) =>
        Insert.InsertAsync(session, rows, (row, values) =>
        {
            values[0] = row.Seq;
            values[1] = row.RecordedAt;
            values[2] = row.EventType;
            values[3] = row.EnvelopeId is { } id ? session.Dialect.ToDb(id) : null;
            values[4] = row.PeerNode;
            values[5] = row.ReasonCode;
            values[6] = row.Detail;
            values[7] = row.Hash;
            values[8] = row.Actor;
            values[9] = row.Subject;
            values[10] = row.FormatVersion;
        }, cancellationToken);

    private static AuditRow Read(DbDataReader r, SqlDialect dialect) => new(
        r.GetInt64(0),
        r.GetInt64(1),
        r.GetString(2),
        r.IsDBNull(3) ? null : dialect.ReadGuid(r, 3),
        r.GetString(4),
        r.GetString(5),
        r.GetString(6),
        (byte[])r.GetValue(7),
        r.GetString(8),
        r.GetString(9),
        r.GetInt32(10));
}
