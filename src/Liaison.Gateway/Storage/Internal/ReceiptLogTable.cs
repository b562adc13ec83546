namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// The receipt_log_positions table's SQL (migration 8): for each message, where its receiver's
/// audit log recorded it, as its receipt says. Rows are only ever inserted; an envelope refused
/// and later stored has two, and the later one (the larger leaf index) is the message's.
/// </summary>
internal static class ReceiptLogTable
{
    private const string Columns = "envelope_id, log_node, leaf_index, tree_size, checkpoint_note, recorded_at";

    private static readonly MultiRowInsert Insert = new($"receipt_log_positions ({Columns})", 6);

    public static Task InsertAsync(StoreSession session, Guid envelopeId, ReceiptLogPosition position, DateTimeOffset now, CancellationToken cancellationToken) =>
        InsertManyAsync(session, [(envelopeId, position)], now, cancellationToken);

    /// <summary>Inserts several positions at once (a write batch's receipts).</summary>
    public static Task InsertManyAsync(StoreSession session, IReadOnlyList<(Guid EnvelopeId, ReceiptLogPosition Position)> rows, DateTimeOffset now, CancellationToken cancellationToken) =>
        Insert.InsertAsync(session, rows, (row, values) =>
        {
            values[0] = session.Dialect.ToDb(row.EnvelopeId);
            values[1] = row.Position.LogNode;
            values[2] = row.Position.LeafIndex;
            values[3] = row.Position.TreeSize;
            values[4] = row.Position.CheckpointNote;
            values[5] = DbValues.Millis(now);
        }, cancellationToken);

    public static Task<ReceiptLogPosition?> FindAsync(StoreSession session, Guid envelopeId, CancellationToken cancellationToken) =>
        session.QuerySingleAsync(
            $"SELECT {Columns} FROM receipt_log_positions WHERE envelope_id = @id ORDER BY leaf_index DESC LIMIT 1",
            r => new ReceiptLogPosition(r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetString(4)),
            cancellationToken,
            ("id", session.Dialect.ToDb(envelopeId)));

    /// <summary>The distinct checkpoint notes receipts carried of <paramref name="logNode"/>'s log at <paramref name="treeSize"/> (by the index of migration 9).</summary>
    public static async Task<IReadOnlyList<string>> CheckpointNotesAsync(StoreSession session, string logNode, long treeSize, CancellationToken cancellationToken) =>
        await session.QueryAsync(
            "SELECT DISTINCT checkpoint_note FROM receipt_log_positions WHERE log_node = @node AND tree_size = @size",
            r => r.GetString(0),
            cancellationToken,
            ("node", logNode),
            ("size", treeSize));

    /// <summary>Keeps an inbound message's receipt, signed after the message was written in the same transaction.</summary>
    public static Task SetReceiptAsync(StoreSession session, Guid envelopeId, byte[] receipt, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "UPDATE messages SET receipt_bytes = @receipt WHERE envelope_id = @id",
            cancellationToken,
            ("receipt", receipt),
            ("id", session.Dialect.ToDb(envelopeId)));
}
