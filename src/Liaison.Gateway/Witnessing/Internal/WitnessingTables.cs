using System.Data.Common;
using Liaison.Audit.Merkle;
using Liaison.Audit.Witnessing;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Witnessing.Internal;

/// <summary>
/// The SQL of cross-witnessing (migration 5): witnessed_checkpoints, cosignatures and
/// witness_alerts, which are only ever inserted, and the witnessing_cursor over the inbox.
/// </summary>
internal static class WitnessingTables
{
    private const string CursorName = "inbound";

    private const string WitnessedColumns = "origin, tree_size, root, note, envelope_id, witnessed_at";

    private const string CosignatureColumns = "tree_size, witness, note, envelope_id, received_at";

    private const string AlertColumns = "origin, witness, kind, seen_note, presented_note, consistency_proof, reason, envelope_id, raised_at";

    public static async Task<long> CursorAsync(StoreSession session, CancellationToken cancellationToken) =>
        await session.ScalarAsync<long>("SELECT COALESCE(MAX(arrival_seq), 0) FROM witnessing_cursor WHERE name = @name", cancellationToken, ("name", CursorName));

    public static Task MoveCursorAsync(StoreSession session, long arrival, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "INSERT INTO witnessing_cursor (name, arrival_seq) VALUES (@name, @arrival) ON CONFLICT (name) DO UPDATE SET arrival_seq = excluded.arrival_seq",
            cancellationToken,
            ("name", CursorName),
            ("arrival", arrival));

    /// <summary>Inbound witnessing messages after <paramref name="afterArrival"/>, in arrival order.</summary>
    public static Task<List<WitnessingMessage>> ListInboundAsync(StoreSession session, long afterArrival, int max, CancellationToken cancellationToken) =>
        session.QueryAsync(
            """
            SELECT arrival_seq, envelope_id, peer_node, message_type, state FROM messages
            WHERE message_type IN (@checkpoint, @cosignature) AND direction = @direction AND arrival_seq > @after
            ORDER BY arrival_seq LIMIT @max
            """,
            r => new WitnessingMessage(r.GetInt64(0), session.Dialect.ReadGuid(r, 1), r.GetString(2), r.GetString(3), Enum.Parse<MessageState>(r.GetString(4))),
            cancellationToken,
            ("checkpoint", WitnessingMessageTypes.Checkpoint),
            ("cosignature", WitnessingMessageTypes.Cosignature),
            ("direction", nameof(MessageDirection.Inbound)),
            ("after", afterArrival),
            ("max", max));

    /// <summary>
    /// Whether the audit log holds an entry after <paramref name="afterSeq"/> that is not only the
    /// witnessing's own traffic (the audit.* messages and their receipts): an alert counts, and so
    /// does any entry about no message. Without this, two witnesses would keep each other's logs
    /// growing with checkpoints about checkpoints.
    /// </summary>
    public static async Task<bool> HasEntriesBesidesWitnessingAsync(StoreSession session, long afterSeq, CancellationToken cancellationToken) =>
        await session.ScalarAsync<long>(
            """
            SELECT COUNT(*) FROM (SELECT 1 AS one FROM audit a LEFT JOIN messages m ON m.envelope_id = a.envelope_id
            WHERE a.seq > @after AND (m.message_type IS NULL OR m.message_type NOT IN (@checkpoint, @cosignature) OR a.event_type IN (@raised, @received))
            LIMIT 1) AS found
            """,
            cancellationToken,
            ("after", afterSeq),
            ("checkpoint", WitnessingMessageTypes.Checkpoint),
            ("cosignature", WitnessingMessageTypes.Cosignature),
            ("raised", nameof(AuditEventType.WitnessAlertRaised)),
            ("received", nameof(AuditEventType.WitnessAlertReceived))) > 0;

    public static async Task<AuditCheckpoint?> LatestCheckpointAsync(StoreSession session, CancellationToken cancellationToken) =>
        (await CheckpointTable.ReadAsync(session, await CheckpointTable.LatestSizeAsync(session, cancellationToken), 1, cancellationToken)) is [{ } row] ? row.ToCheckpoint() : null;

    public static async Task<AuditCheckpoint?> CheckpointAsync(StoreSession session, long treeSize, CancellationToken cancellationToken) =>
        (await CheckpointTable.ReadAsync(session, treeSize, 1, cancellationToken)) is [{ } row] && row.TreeSize == treeSize ? row.ToCheckpoint() : null;

    /// <summary>The witnessed checkpoint of <paramref name="origin"/> of that size, or the largest one when <paramref name="treeSize"/> is null.</summary>
    public static Task<WitnessedCheckpoint?> WitnessedAsync(StoreSession session, string origin, long? treeSize, CancellationToken cancellationToken)
    {
        (string, object?)[] parameters = treeSize is null ? [("origin", origin)] : [("origin", origin), ("size", treeSize.Value)];
        return session.QuerySingleAsync(
            treeSize is null
                ? $"SELECT {WitnessedColumns} FROM witnessed_checkpoints WHERE origin = @origin ORDER BY tree_size DESC LIMIT 1"
                : $"SELECT {WitnessedColumns} FROM witnessed_checkpoints WHERE origin = @origin AND tree_size = @size",
            r => new WitnessedCheckpoint(r.GetString(0), r.GetInt64(1), MerkleHash.FromBytes((byte[])r.GetValue(2)), r.GetString(3), session.Dialect.ReadGuid(r, 4), DbValues.Time(r.GetInt64(5))),
            cancellationToken,
            parameters);
    }

    public static async Task<long> CosignedSizeAsync(StoreSession session, string witness, CancellationToken cancellationToken) =>
        await session.ScalarAsync<long>("SELECT COALESCE(MAX(tree_size), 0) FROM cosignatures WHERE witness = @witness", cancellationToken, ("witness", witness));

    public static Task<List<StoredCosignature>> CosignaturesAsync(StoreSession session, long fromSize, int max, CancellationToken cancellationToken) =>
        session.QueryAsync(
            $"SELECT {CosignatureColumns} FROM cosignatures WHERE tree_size >= @from ORDER BY tree_size, witness LIMIT @max",
            r => new StoredCosignature(r.GetInt64(0), r.GetString(1), r.GetString(2), session.Dialect.ReadGuid(r, 3), DbValues.Time(r.GetInt64(4))),
            cancellationToken,
            ("from", fromSize),
            ("max", max));

    public static Task<List<WitnessAlert>> AlertsAsync(StoreSession session, CancellationToken cancellationToken) =>
        session.QueryAsync($"SELECT {AlertColumns} FROM witness_alerts ORDER BY alert_id", r => ReadAlert(r, session.Dialect), cancellationToken);

    public static async Task ApplyAsync(WriteContext context, WitnessingStep step, CancellationToken cancellationToken)
    {
        var session = context.Session;
        if (step.Witnessed is { } witnessed)
        {
            await session.ExecuteAsync(
                $"INSERT INTO witnessed_checkpoints ({WitnessedColumns}) VALUES (@origin, @size, @root, @note, @envelope_id, @at) ON CONFLICT (origin, tree_size) DO NOTHING",
                cancellationToken,
                ("origin", witnessed.Origin),
                ("size", witnessed.TreeSize),
                ("root", witnessed.Root.ToArray()),
                ("note", witnessed.CosignedNote),
                ("envelope_id", session.Dialect.ToDb(witnessed.EnvelopeId)),
                ("at", DbValues.Millis(witnessed.WitnessedAt)));
        }

        if (step.Cosignature is { } cosignature)
        {
            await session.ExecuteAsync(
                $"INSERT INTO cosignatures ({CosignatureColumns}) VALUES (@size, @witness, @note, @envelope_id, @at) ON CONFLICT (tree_size, witness) DO NOTHING",
                cancellationToken,
                ("size", cosignature.TreeSize),
                ("witness", cosignature.Witness),
                ("note", cosignature.Note),
                ("envelope_id", session.Dialect.ToDb(cosignature.EnvelopeId)),
                ("at", DbValues.Millis(cosignature.ReceivedAt)));
        }

        if (step.Alert is { } alert)
        {
            await session.ExecuteAsync(
                $"INSERT INTO witness_alerts ({AlertColumns}) VALUES (@origin, @witness, @kind, @seen, @presented, @proof, @reason, @envelope_id, @at)",
                cancellationToken,
                ("origin", alert.Origin),
                ("witness", alert.Witness),
                ("kind", alert.Kind.ToString()),
                ("seen", alert.SeenNote),
                ("presented", alert.PresentedNote),
                ("proof", alert.ConsistencyProof.SelectMany(h => h.ToArray()).ToArray()),
                ("reason", alert.Reason),
                ("envelope_id", session.Dialect.ToDb(alert.EnvelopeId)),
                ("at", DbValues.Millis(alert.RaisedAt)));
        }

        if (step.Event is { } type)
        {
            await context.Audit.AppendAsync(type, step.EnvelopeId, step.PeerNode, step.ReasonCode, step.Detail, cancellationToken);
        }

        await MoveCursorAsync(session, step.Arrival, cancellationToken);
    }

    private static WitnessAlert ReadAlert(DbDataReader r, SqlDialect dialect)
    {
        var proof = (byte[])r.GetValue(5);
        return new WitnessAlert(
            r.GetString(0),
            r.GetString(1),
            Enum.Parse<WitnessVerdict>(r.GetString(2)),
            r.GetString(3),
            r.GetString(4),
            [.. proof.Chunk(MerkleHash.Length).Select(h => MerkleHash.FromBytes(h))],
            r.GetString(6),
            dialect.ReadGuid(r, 7),
            DbValues.Time(r.GetInt64(8)));
    }
}
