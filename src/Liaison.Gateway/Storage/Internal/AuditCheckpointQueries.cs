namespace Liaison.Gateway.Storage.Internal;

/// <summary>The auditor API's reads of the checkpoints table: latest first.</summary>
internal static class AuditCheckpointQueries
{
    /// <summary>Up to <paramref name="max"/> checkpoints of tree size below <paramref name="belowSize"/>, largest first, as stored.</summary>
    public static Task<List<StoredCheckpointRow>> ReadNewestFirstAsync(StoreSession session, long belowSize, int max, CancellationToken cancellationToken) =>
        session.QueryAsync(
            "SELECT tree_size, root, note, issued_at FROM checkpoints WHERE tree_size < @below ORDER BY tree_size DESC LIMIT @max",
            r => new StoredCheckpointRow(r.GetInt64(0), (byte[])r.GetValue(1), r.GetString(2), r.GetInt64(3)),
            cancellationToken,
            ("below", belowSize),
            ("max", max));
}
