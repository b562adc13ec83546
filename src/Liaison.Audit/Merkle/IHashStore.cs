namespace Liaison.Audit.Merkle;

/// <summary>
/// Where a log keeps the hashes of its completed perfect subtrees (what
/// <see cref="CompactRange"/> reports), so that proofs over a large log need
/// O(log n) reads instead of rehashing entries. The gateway implements it over
/// SQLite or PostgreSQL; <see cref="InMemoryHashStore"/> serves tests.
/// </summary>
public interface IHashStore
{
    /// <summary>
    /// Returns the hashes of <paramref name="ids"/>, in the same order. Every id
    /// is a perfect subtree of the stored log; a missing one is an error (the
    /// store is corrupt or the caller asked beyond the log's size), never a null.
    /// </summary>
    ValueTask<IReadOnlyList<MerkleHash>> GetNodesAsync(IReadOnlyList<NodeId> ids, CancellationToken cancellationToken = default);
}
