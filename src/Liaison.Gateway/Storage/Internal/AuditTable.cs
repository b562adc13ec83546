using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>The audit table's SQL. Rows are only ever inserted; the table's triggers refuse anything else.</summary>
internal static class AuditTable
{
    private const string Columns = "seq, recorded_at, event_type, envelope_id, peer_node, reason_code, detail, hash, actor, subject, format_version";
    private const int ColumnCount = 11;

    // SQLite finds a parameter's index by name with a linear search, so binding a statement of n
    // parameters costs n^2 comparisons: 16 rows (176 parameters) keep that small, and still write
    // a batch's entries in one statement for every 16 instead of two per entry.
    private const int MaxRowsPerInsert = 16;

    // The same text for the same row count, so that the writer's statement cache serves it prepared.
    private static readonly string[] ParameterNames = Enumerable.Range(0, MaxRowsPerInsert * ColumnCount)
        .Select(i => string.Create(CultureInfo.InvariantCulture, $"p{i}")).ToArray();

    // Built on first use; a race builds the same text twice, harmlessly.
    private static readonly string?[] InsertSql = new string?[MaxRowsPerInsert + 1];

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

    /// <summary>Inserts <paramref name="rows"/> in as few statements as the databases' parameter limits allow.</summary>
    public static async Task InsertAsync(StoreSession session, IReadOnlyList<AuditRow> rows, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < rows.Count; offset += MaxRowsPerInsert)
        {
            var count = Math.Min(MaxRowsPerInsert, rows.Count - offset);
            var parameters = new (string, object?)[count * ColumnCount];
            for (var i = 0; i < count; i++)
            {
                var row = rows[offset + i];
                var at = i * ColumnCount;
                parameters[at] = (ParameterNames[at], row.Seq);
                parameters[at + 1] = (ParameterNames[at + 1], row.RecordedAt);
                parameters[at + 2] = (ParameterNames[at + 2], row.EventType);
                parameters[at + 3] = (ParameterNames[at + 3], row.EnvelopeId is { } id ? session.Dialect.ToDb(id) : null);
                parameters[at + 4] = (ParameterNames[at + 4], row.PeerNode);
                parameters[at + 5] = (ParameterNames[at + 5], row.ReasonCode);
                parameters[at + 6] = (ParameterNames[at + 6], row.Detail);
                parameters[at + 7] = (ParameterNames[at + 7], row.Hash);
                parameters[at + 8] = (ParameterNames[at + 8], row.Actor);
                parameters[at + 9] = (ParameterNames[at + 9], row.Subject);
                parameters[at + 10] = (ParameterNames[at + 10], row.FormatVersion);
            }

            await session.ExecuteAsync(InsertSql[count] ??= InsertText(count), cancellationToken, parameters);
        }
    }

    private static string InsertText(int rows) =>
        $"INSERT INTO audit ({Columns}) VALUES "
        + string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Enumerable.Range(r * ColumnCount, ColumnCount).Select(i => "@" + ParameterNames[i])) + ")"));

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
