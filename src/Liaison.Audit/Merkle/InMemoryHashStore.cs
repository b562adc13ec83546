namespace Liaison.Audit.Merkle;

/// <summary>
/// A log held in memory: a <see cref="CompactRange"/> plus every perfect subtree
/// it completes. For tests, tools and benchmarks; the gateway's store is durable.
/// Mutable and not thread-safe.
/// </summary>
public sealed class InMemoryHashStore : IHashStore
{
    private readonly Dictionary<NodeId, MerkleHash> _nodes = [];
    private readonly CompactRange _range = new();
    private readonly Action<NodeId, MerkleHash> _keep;

    public InMemoryHashStore() => _keep = (id, hash) => _nodes[id] = hash;

    public ulong Size => _range.Size;

    /// <summary>Appends an entry and returns its index.</summary>
    public ulong Append(ReadOnlySpan<byte> entry) => _range.AppendLeaf(entry, _keep);

    /// <summary>The tree head of the current size.</summary>
    public MerkleHash Root() => _range.Root();

    public ValueTask<IReadOnlyList<MerkleHash>> GetNodesAsync(IReadOnlyList<NodeId> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var hashes = new MerkleHash[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            if (!_nodes.TryGetValue(ids[i], out var hash))
            {
                throw new KeyNotFoundException($"Node {ids[i]} is not in a log of {Size} leaves.");
            }
            hashes[i] = hash;
        }
        return ValueTask.FromResult<IReadOnlyList<MerkleHash>>(hashes);
    }
}
