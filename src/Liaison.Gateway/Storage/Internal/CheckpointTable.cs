using System.Data.Common;
using Liaison.Audit.Merkle;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>The checkpoints table's SQL: signed checkpoints of the audit log, one per tree size. Rows are only ever inserted.</summary>
internal static class CheckpointTable
{
    private const string Columns = "tree_size, root, note, issued_at";

    public static async Task<long> LatestSizeAsync(StoreSession session, CancellationToken cancellationToken) =>
        await session.ScalarAsync<long>("SELECT COALESCE(MAX(tree_size), 0) FROM checkpoints", cancellationToken);

    public static Task InsertAsync(StoreSession session, AuditCheckpoint checkpoint, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            $"INSERT INTO checkpoints ({Columns}) VALUES (@size, @root, @note, @issued_at)",
            cancellationToken,
            ("size", checkpoint.TreeSize),
            ("root", checkpoint.Root.ToArray()),
            ("note", checkpoint.Note),
            ("issued_at", DbValues.Millis(checkpoint.IssuedAt)));

    /// <summary>Up to <paramref name="max"/> checkpoints from tree size <paramref name="fromSize"/> on, smallest first, as stored (the root is not checked).</summary>
    public static Task<List<StoredCheckpointRow>> ReadAsync(StoreSession session, long fromSize, int max, CancellationToken cancellationToken) =>
        session.QueryAsync($"SELECT {Columns} FROM checkpoints WHERE tree_size >= @from ORDER BY tree_size LIMIT @max", Read, cancellationToken,
            ("from", fromSize), ("max", max));

    private static StoredCheckpointRow Read(DbDataReader r) => new(r.GetInt64(0), (byte[])r.GetValue(1), r.GetString(2), r.GetInt64(3));
}

/// <summary>A checkpoint row exactly as stored.</summary>
internal sealed record StoredCheckpointRow(long TreeSize, byte[] Root, string Note, long IssuedAt)
{
    /// <exception cref="InvalidDataException">The root column is not a hash.</exception>
    public AuditCheckpoint ToCheckpoint() => new(
        TreeSize,
        Root.Length == MerkleHash.Length ? MerkleHash.FromBytes(Root) : throw new InvalidDataException($"The checkpoint of size {TreeSize} has no valid root; run liaison audit verify."),
        Note,
        DbValues.Time(IssuedAt));
}
