using Liaison.Audit.Merkle;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// Appends to the audit trail inside the writer's transactions. Each entry is written
/// twice over: into the hash chain (its <c>hash</c> column, which proves order) and as
/// the next leaf of the RFC 6962 Merkle tree, whose completed nodes go into audit_node_tiles
/// (<see cref="AuditNodeTable"/>) in the same transaction (leaf data = <see cref="AuditHashing.Canonical"/>, leaf
/// index = seq - 1). Appends are hashed at once but their rows are kept until
/// <see cref="FlushAsync"/>, which the writer calls just before it commits: a batch of a
/// few hundred messages writes its thousand-odd entries in a handful of multi-row
/// INSERTs instead of two statements per entry. Nothing reads the audit tables inside
/// a write transaction (readers use their own connections and see only committed rows). The chain head and the tree's <see cref="CompactRange"/> stay in
/// memory from one transaction to the next; the writer calls <see cref="Invalidate"/>
/// when a transaction fails, and the next one rebuilds them from what the store
/// really holds. Seq numbers are assigned here, not by the database, so they have no
/// gaps; the primary keys make a second writer fail rather than fork the log.
/// Not thread-safe: owned by the single writer.
/// </summary>
/// <param name="subjects">Names the case of a message's entries; null to name none.</param>
internal sealed class AuditLog(TimeProvider time, IAuditSubjects? subjects = null)
{
    private const int BackfillPage = 1000;

    private StoreSession? session;
    private long lastSeq;
    private byte[] lastHash = AuditHashing.Genesis.ToArray();
    private CompactRange? tree;
    private readonly List<AuditRow> pendingRows = [];
    private readonly List<(NodeId Id, MerkleHash Hash)> pendingNodes = [];

    /// <summary>How many entries the log holds, including this transaction's so far.</summary>
    public long Size => lastSeq;

    /// <summary>The tree head over all entries, including this transaction's so far.</summary>
    public MerkleHash Root => (tree ?? throw new InvalidOperationException("The audit log is not bound to a transaction.")).Root();

    /// <summary>
    /// Binds the log to a transaction, first rebuilding its head from the store if it has
    /// none (at the first transaction after opening, or after a failed one). A store whose
    /// tree lags its entries (written before the tree existed) has the missing leaves added here.
    /// </summary>
    /// <exception cref="InvalidDataException">The tree and the entries disagree: the store was damaged.</exception>
    public async Task BeginAsync(StoreSession transaction, CancellationToken cancellationToken)
    {
        session = transaction;
        if (tree is not null)
        {
            return;
        }

        var last = await AuditTable.ReadLastAsync(transaction, cancellationToken);
        var entries = last?.Seq ?? 0;
        var leaves = await AuditNodeTable.LeafCountAsync(transaction, cancellationToken);
        if (leaves > entries)
        {
            throw new InvalidDataException($"The audit tree has {leaves} leaves but the audit table ends at entry {entries}: entries were removed; run liaison audit verify.");
        }

        var resumed = CompactRange.Resume((ulong)leaves, await AuditNodeTable.GetAsync(transaction, CompactRange.FrontierNodes((ulong)leaves), cancellationToken));
        var completed = new List<(NodeId, MerkleHash)>();
        while ((long)resumed.Size < entries)
        {
            foreach (var row in await AuditTable.ReadAsync(transaction, (long)resumed.Size + 1, BackfillPage, cancellationToken))
            {
                if (row.Seq != (long)resumed.Size + 1)
                {
                    throw new InvalidDataException($"Audit entry {(long)resumed.Size + 1} is missing; run liaison audit verify.");
                }

                resumed.AppendLeaf(AuditHashing.Canonical(row), (id, hash) => completed.Add((id, hash)));
            }

            await AuditNodeTable.InsertAsync(transaction, completed, cancellationToken);
            completed.Clear();
        }

        (lastSeq, lastHash, tree) = (entries, last?.Hash ?? AuditHashing.Genesis.ToArray(), resumed);
    }

    /// <summary>Forgets the in-memory head: the transaction it had moved on with did not commit.</summary>
    public void Invalidate()
    {
        tree = null;
        session = null;
        pendingRows.Clear();
        pendingNodes.Clear();
    }

    /// <summary>Writes the entries appended since the last flush, and their completed tree nodes.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (session is null)
        {
            return;
        }

        await AuditTable.InsertAsync(session, pendingRows, cancellationToken);
        await AuditNodeTable.InsertAsync(session, pendingNodes, cancellationToken);
        pendingRows.Clear();
        pendingNodes.Clear();
    }

    /// <summary>Appends an entry of the node's own doing (actor <see cref="Auditing.AuditActors.Node"/>), about no case.</summary>
    /// <param name="detail">Ids, states and numbers only: never anything from a payload.</param>
    public Task AppendAsync(AuditEventType type, Guid? envelopeId, string peerNode, string reasonCode, string detail, CancellationToken cancellationToken) =>
        AppendAsync(type, envelopeId, peerNode, reasonCode, detail, Auditing.AuditActors.Node, cancellationToken);

    /// <param name="actor">Who did it: a caller's subject id, "node", or the partner node whose traffic caused it.</param>
    public Task AppendAsync(AuditEventType type, Guid? envelopeId, string peerNode, string reasonCode, string detail, string actor, CancellationToken cancellationToken) =>
        AppendAsync(new AuditEventRecord(type, actor, detail) { EnvelopeId = envelopeId, PeerNode = peerNode, ReasonCode = reasonCode }, cancellationToken);

    public Task AppendAsync(AuditEventType type, MessageRecord message, string detail, CancellationToken cancellationToken) =>
        AppendAsync(type, message, detail, Auditing.AuditActors.Node, cancellationToken);

    public Task AppendAsync(AuditEventType type, MessageRecord message, string detail, string actor, CancellationToken cancellationToken) =>
        AppendAsync(type, message.EnvelopeId, message.PeerNode, message.CaseReference, ReasonCodes.Of(message.RejectionReason), detail, actor, cancellationToken);

    /// <summary>Appends an entry about a message of the case <paramref name="caseReference"/>, which it names by its subject only.</summary>
    public Task AppendAsync(AuditEventType type, Guid envelopeId, string peerNode, string caseReference, string reasonCode, string detail, string actor, CancellationToken cancellationToken) =>
        AppendAsync(new AuditEventRecord(type, actor, detail)
        {
            EnvelopeId = envelopeId,
            PeerNode = peerNode,
            ReasonCode = reasonCode,
            Subject = subjects is null || caseReference.Length == 0 ? "" : subjects.ForCase(caseReference),
        }, cancellationToken);

    /// <summary>Appends <paramref name="record"/> as the next entry, in format 2.</summary>
    /// <returns>The entry's seq (its leaf index + 1), assigned for good once the transaction commits.</returns>
    public Task<long> AppendAsync(AuditEventRecord record, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (session is null || tree is null)
        {
            throw new InvalidOperationException("The audit log is not bound to a transaction.");
        }

        var row = record.ToRow(lastSeq + 1, DbValues.Millis(time.GetUtcNow()));
        // The canonical bytes are the chain hash's input and the Merkle leaf alike: encoded once.
        var canonical = AuditHashing.Canonical(row);
        row = row with { Hash = AuditHashing.Hash(lastHash, canonical) };
        pendingRows.Add(row);
        tree.AppendLeaf(canonical, (id, hash) => pendingNodes.Add((id, hash)));
        (lastSeq, lastHash) = (row.Seq, row.Hash);
        return Task.FromResult(row.Seq);
    }
}
