using Liaison.Audit.Merkle;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>The audit log's <see cref="IHashStore"/> over one store session (<see cref="AuditNodeTable"/>). Not thread-safe, like the session.</summary>
internal sealed class StoreHashStore(StoreSession session) : IHashStore
{
    public async ValueTask<IReadOnlyList<MerkleHash>> GetNodesAsync(IReadOnlyList<NodeId> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return await AuditNodeTable.GetAsync(session, ids, cancellationToken);
    }
}
