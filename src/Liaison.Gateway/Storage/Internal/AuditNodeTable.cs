using System.Globalization;
using System.Text;
using Liaison.Audit.Merkle;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// The audit_nodes table's SQL: the hash of every perfect subtree of the audit log's Merkle
/// tree completed so far, keyed by (level, index). Rows are only ever inserted.
/// </summary>
internal static class AuditNodeTable
{
    // Small enough for any database's parameter limit, large enough that a proof is one query.
    private const int MaxPerQuery = 200;

    private static readonly MultiRowInsert Insert = new("audit_nodes (level, idx, hash)", 3);

    /// <summary>How many leaves the stored tree has (level-0 nodes are written in index order, without gaps).</summary>
    public static async Task<long> LeafCountAsync(StoreSession session, CancellationToken cancellationToken) =>
        await session.ScalarAsync<long>("SELECT COALESCE(MAX(idx) + 1, 0) FROM audit_nodes WHERE level = 0", cancellationToken);

    public static Task InsertAsync(StoreSession session, IReadOnlyList<(NodeId Id, MerkleHash Hash)> nodes, CancellationToken cancellationToken) =>
        Insert.InsertAsync(session, nodes, (node, values) =>
        {
            values[0] = node.Id.Level;
            values[1] = checked((long)node.Id.Index);
            values[2] = node.Hash.ToArray();
        }, cancellationToken);

    /// <summary>The hashes of <paramref name="ids"/>, in order.</summary>
    /// <exception cref="InvalidDataException">A node is not stored: the tree is shorter than asked, or was damaged.</exception>
    public static async Task<IReadOnlyList<MerkleHash>> GetAsync(StoreSession session, IReadOnlyList<NodeId> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<NodeId, MerkleHash>(ids.Count);
        foreach (var chunk in ids.Distinct().Chunk(MaxPerQuery))
        {
            var sql = new StringBuilder("SELECT level, idx, hash FROM audit_nodes WHERE ");
            var parameters = new (string, object?)[chunk.Length * 2];
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : " OR ")}(level = @l{i} AND idx = @i{i})");
                parameters[i * 2] = ($"l{i}", chunk[i].Level);
                parameters[(i * 2) + 1] = ($"i{i}", checked((long)chunk[i].Index));
            }

            var rows = await session.QueryAsync(sql.ToString(), r => (Id: new NodeId(r.GetInt32(0), (ulong)r.GetInt64(1)), Hash: (byte[])r.GetValue(2)), cancellationToken, parameters);
            foreach (var (id, hash) in rows)
            {
                found[id] = hash.Length == MerkleHash.Length
                    ? MerkleHash.FromBytes(hash)
                    : throw new InvalidDataException($"The stored audit tree node {id} is not a {MerkleHash.Length}-byte hash; run liaison audit verify.");
            }
        }

        return ids.Select(id => found.TryGetValue(id, out var hash)
            ? hash
            : throw new InvalidDataException($"The audit tree node {id} is not stored: the tree is shorter than asked, or was damaged.")).ToList();
    }

    /// <summary>Up to <paramref name="max"/> nodes of one level from index <paramref name="fromIndex"/> on, in index order.</summary>
    public static Task<List<(long Index, byte[] Hash)>> ReadLevelAsync(StoreSession session, int level, long fromIndex, int max, CancellationToken cancellationToken) =>
        session.QueryAsync(
            "SELECT idx, hash FROM audit_nodes WHERE level = @level AND idx >= @from ORDER BY idx LIMIT @max",
            r => (r.GetInt64(0), (byte[])r.GetValue(1)),
            cancellationToken,
            ("level", level),
            ("from", fromIndex),
            ("max", max));

    public static async Task<int> MaxLevelAsync(StoreSession session, CancellationToken cancellationToken) =>
        await session.ScalarAsync<int>("SELECT COALESCE(MAX(level), -1) FROM audit_nodes", cancellationToken);
}
