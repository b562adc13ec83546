using System.Globalization;
using System.Text;
using Liaison.Audit.Merkle;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// The audit log's Merkle tree as stored: the hash of every perfect subtree completed so far,
/// in the audit_node_tiles table (migration 11). The nodes of one level are kept
/// <see cref="TileWidth"/> to a row, concatenated in index order: row (level, tile) holds nodes
/// tile × <see cref="TileWidth"/> onwards, and a row that is not full yet only ever grows at its
/// end (the table's triggers refuse any other change). A batch of a few hundred entries thus
/// writes a few dozen short rows instead of two rows per entry: in the exchange benchmark, a
/// row per node cost the gateways about 6 % of their CPU.
/// </summary>
internal static class AuditNodeTable
{
    /// <summary>Nodes per row: a full row is 2 KiB.</summary>
    public const int TileWidth = 64;

    // Small enough for any database's parameter limit, large enough that a proof is one query.
    private const int MaxPerQuery = 200;

    /// <summary>How many leaves the stored tree has (level-0 nodes are written in index order, without gaps).</summary>
    public static async Task<long> LeafCountAsync(StoreSession session, CancellationToken cancellationToken) =>
        await CountAsync(session, 0, cancellationToken);

    /// <summary>
    /// Appends <paramref name="nodes"/>, which must continue each of their levels where the stored
    /// tree ends, in index order (as <see cref="CompactRange"/> completes them).
    /// </summary>
    /// <exception cref="InvalidDataException">A node does not continue its level: the stored tree is not the one the writer holds.</exception>
    public static async Task InsertAsync(StoreSession session, IReadOnlyList<(NodeId Id, MerkleHash Hash)> nodes, CancellationToken cancellationToken)
    {
        // CompactRange completes each level's nodes in index order but interleaves the levels.
        var sorted = nodes.OrderBy(n => n.Id.Level).ThenBy(n => n.Id.Index).ToList();
        foreach (var (start, count) in Runs(sorted))
        {
            var first = sorted[start].Id;
            var hashes = new byte[count * MerkleHash.Length];
            for (var i = 0; i < count; i++)
            {
                sorted[start + i].Hash.AsSpan().CopyTo(hashes.AsSpan(i * MerkleHash.Length));
            }

            var tile = checked((long)(first.Index / TileWidth));
            var offset = (long)(first.Index % TileWidth) * MerkleHash.Length;
            // A run that starts a tile is a new row (a second one for the same tile fails on the
            // key); any other must end its tile's row exactly where it begins, or nothing changes
            // and the write fails rather than put nodes in the wrong place.
            var written = offset == 0
                ? await session.ExecuteAsync(
                    "INSERT INTO audit_node_tiles (level, tile, hashes) VALUES (@level, @tile, @hashes)",
                    cancellationToken,
                    ("level", first.Level),
                    ("tile", tile),
                    ("hashes", hashes))
                : await session.ExecuteAsync(
                    $"UPDATE audit_node_tiles SET hashes = {session.Dialect.ConcatBlobs("hashes", "@hashes")} WHERE level = @level AND tile = @tile AND length(hashes) = @offset",
                    cancellationToken,
                    ("hashes", hashes),
                    ("level", first.Level),
                    ("tile", tile),
                    ("offset", offset));
            if (written != 1)
            {
                throw new InvalidDataException($"The audit tree node {first} does not continue its stored level; run liaison audit verify.");
            }
        }
    }

    /// <summary>The hashes of <paramref name="ids"/>, in order.</summary>
    /// <exception cref="InvalidDataException">A node is not stored: the tree is shorter than asked, or was damaged.</exception>
    public static async Task<IReadOnlyList<MerkleHash>> GetAsync(StoreSession session, IReadOnlyList<NodeId> ids, CancellationToken cancellationToken)
    {
        var tiles = new Dictionary<(int Level, long Tile), byte[]>();
        foreach (var chunk in ids.Select(TileOf).Distinct().Chunk(MaxPerQuery))
        {
            var sql = new StringBuilder("SELECT level, tile, hashes FROM audit_node_tiles WHERE ");
            var parameters = new (string, object?)[chunk.Length * 2];
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : " OR ")}(level = @l{i} AND tile = @t{i})");
                parameters[i * 2] = ($"l{i}", chunk[i].Level);
                parameters[(i * 2) + 1] = ($"t{i}", chunk[i].Tile);
            }

            foreach (var (level, tile, hashes) in await session.QueryAsync(sql.ToString(), r => (r.GetInt32(0), r.GetInt64(1), (byte[])r.GetValue(2)), cancellationToken, parameters))
            {
                tiles[(level, tile)] = hashes;
            }
        }

        return ids.Select(id => tiles.TryGetValue(TileOf(id), out var hashes)
            ? NodeIn(hashes, id.Index % TileWidth) ?? throw Missing(id)
            : throw Missing(id)).ToList();
    }

    /// <summary>Up to <paramref name="max"/> nodes of one level from index <paramref name="fromIndex"/> on, in index order.</summary>
    /// <exception cref="InvalidDataException">A row's length is not a whole number of hashes: the tree was damaged.</exception>
    public static async Task<List<(long Index, byte[] Hash)>> ReadLevelAsync(StoreSession session, int level, long fromIndex, int max, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync(
            "SELECT tile, hashes FROM audit_node_tiles WHERE level = @level AND tile >= @from ORDER BY tile LIMIT @max",
            r => (Tile: r.GetInt64(0), Hashes: (byte[])r.GetValue(1)),
            cancellationToken,
            ("level", level),
            ("from", fromIndex / TileWidth),
            ("max", (max / TileWidth) + 2));
        var nodes = new List<(long, byte[])>(max);
        foreach (var (tile, hashes) in rows)
        {
            if (hashes.Length % MerkleHash.Length != 0)
            {
                throw new InvalidDataException($"The stored audit tree row (level {level}, tile {tile}) is not a whole number of {MerkleHash.Length}-byte hashes; run liaison audit verify.");
            }

            for (var i = 0; i < hashes.Length / MerkleHash.Length; i++)
            {
                var index = (tile * TileWidth) + i;
                if (index >= fromIndex && nodes.Count < max)
                {
                    nodes.Add((index, hashes.AsSpan(i * MerkleHash.Length, MerkleHash.Length).ToArray()));
                }
            }
        }

        return nodes;
    }

    public static async Task<int> MaxLevelAsync(StoreSession session, CancellationToken cancellationToken) =>
        await session.ScalarAsync<int>("SELECT COALESCE(MAX(level), -1) FROM audit_node_tiles", cancellationToken);

    /// <summary>How many nodes a level holds: those of its last row and the full rows before it.</summary>
    private static async Task<long> CountAsync(StoreSession session, int level, CancellationToken cancellationToken) =>
        await session.ScalarAsync<long>(
            $"SELECT COALESCE(MAX(tile * {TileWidth} + length(hashes) / {MerkleHash.Length}), 0) FROM audit_node_tiles WHERE level = @level",
            cancellationToken,
            ("level", level));

    private static (int Level, long Tile) TileOf(NodeId id) => (id.Level, checked((long)(id.Index / TileWidth)));

    private static MerkleHash? NodeIn(byte[] hashes, ulong position) =>
        hashes.Length % MerkleHash.Length == 0 && (position + 1) * MerkleHash.Length <= (ulong)hashes.Length
            ? MerkleHash.FromBytes(hashes.AsSpan((int)position * MerkleHash.Length, MerkleHash.Length))
            : null;

    private static InvalidDataException Missing(NodeId id) =>
        new($"The audit tree node {id} is not stored: the tree is shorter than asked, or was damaged.");

    /// <summary>The sorted nodes split into runs of consecutive indexes of one level within one tile.</summary>
    private static IEnumerable<(int Start, int Count)> Runs(List<(NodeId Id, MerkleHash Hash)> sorted)
    {
        var start = 0;
        for (var i = 1; i <= sorted.Count; i++)
        {
            if (i == sorted.Count
                || sorted[i].Id.Level != sorted[start].Id.Level
                || sorted[i].Id.Index != sorted[i - 1].Id.Index + 1
                || sorted[i].Id.Index / TileWidth != sorted[start].Id.Index / TileWidth)
            {
                yield return (start, i - start);
                start = i;
            }
        }
    }
}
