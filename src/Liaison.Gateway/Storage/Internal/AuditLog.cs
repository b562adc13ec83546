namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// Appends to the audit chain inside one write transaction. It reads the chain's
/// head once when the transaction starts and then carries it forward, so a batch of
/// writes hashes in a single pass. Seq numbers are assigned here, not by the
/// database, so they have no gaps; the primary key makes a second writer fail
/// rather than fork the chain. Not thread-safe: owned by the single writer.
/// </summary>
internal sealed class AuditLog
{
    private readonly StoreSession session;
    private readonly TimeProvider time;
    private long lastSeq;
    private byte[] lastHash;

    private AuditLog(StoreSession session, TimeProvider time, long lastSeq, byte[] lastHash)
    {
        this.session = session;
        this.time = time;
        this.lastSeq = lastSeq;
        this.lastHash = lastHash;
    }

    public static async Task<AuditLog> OpenAsync(StoreSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var last = await AuditTable.ReadLastAsync(session, cancellationToken);
        return new AuditLog(session, time, last?.Seq ?? 0, last?.Hash ?? AuditHashing.Genesis.ToArray());
    }

    /// <param name="detail">Ids, states and numbers only: never anything from a payload.</param>
    public async Task AppendAsync(AuditEventType type, Guid? envelopeId, string peerNode, string reasonCode, string detail, CancellationToken cancellationToken)
    {
        var row = new AuditRow(lastSeq + 1, DbValues.Millis(time.GetUtcNow()), type.ToString(), envelopeId, peerNode, reasonCode, detail, []);
        row = row with { Hash = AuditHashing.Hash(lastHash, row) };
        await AuditTable.InsertAsync(session, row, cancellationToken);
        (lastSeq, lastHash) = (row.Seq, row.Hash);
    }

    public Task AppendAsync(AuditEventType type, MessageRecord message, string detail, CancellationToken cancellationToken) =>
        AppendAsync(type, message.EnvelopeId, message.PeerNode, ReasonCodes.Of(message.RejectionReason), detail, cancellationToken);
}
