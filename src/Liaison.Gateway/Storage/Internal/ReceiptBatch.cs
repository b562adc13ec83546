namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// The receipts of one write batch. Once every write has run, and before the batch commits,
/// one checkpoint of the audit log is signed and stored (so a receipt flood costs one checkpoint
/// signature per batch, not one per envelope), then the receipts are signed with their entries'
/// leaf indexes and that checkpoint (those to one sender under one batch signature), kept with
/// their messages and queued in the outbox. All in the
/// envelopes' own transaction: an envelope is never stored without its receipt queued, so a
/// crash needs no recovery. Not thread-safe: owned by the single writer.
/// </summary>
internal sealed class ReceiptBatch
{
    private readonly List<PendingReceipt> pending = [];

    public void Add(PendingReceipt receipt) => pending.Add(receipt);

    public async Task CompleteAsync(WriteContext context, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var first = pending[0].Signing;
        var checkpoint = await CheckpointOperation.RunAsync(context, AuditLogOrigin.For(first.NodeId), first.CheckpointSigner, cancellationToken)
            ?? await CoveringCheckpointAsync(context, cancellationToken);
        var session = context.Session;
        var now = context.Now;
        var queued = new List<(Guid, string, OutboxKind, ReadOnlyMemory<byte>)>(pending.Count);
        var positions = new List<(Guid, ReceiptLogPosition)>(pending.Count);
        var signed = Sign(checkpoint);
        for (var i = 0; i < pending.Count; i++)
        {
            var receipt = pending[i];
            await ReceiptLogTable.SetReceiptAsync(session, receipt.EnvelopeId, signed[i], cancellationToken);
            queued.Add((receipt.EnvelopeId, receipt.PeerNode, OutboxKind.Receipt, signed[i]));
            positions.Add((receipt.EnvelopeId, new ReceiptLogPosition(receipt.Signing.NodeId, receipt.LeafIndex, checkpoint.TreeSize, checkpoint.Note)));
        }

        // The batch's receipts are queued, and their positions kept, in a few multi-row statements.
        await OutboxTable.InsertManyAsync(session, queued, now, cancellationToken);
        await ReceiptLogTable.InsertManyAsync(session, positions, now, cancellationToken);
        for (var i = 0; i < pending.Count; i++)
        {
            pending[i].Signed(signed[i]);
        }

        pending.Clear();
    }

    /// <summary>The pending receipts signed, in order: those that can be, together per signer (one signature per sender), the others one by one.</summary>
    private byte[][] Sign(AuditCheckpoint checkpoint)
    {
        var signed = new byte[pending.Count][];
        foreach (var group in Enumerable.Range(0, pending.Count).Where(i => pending[i].Signing.Batch is not null).GroupBy(i => pending[i].Signing.Batch!.Signer))
        {
            var indexes = group.ToList();
            var batch = group.Key.SignBatch(indexes.Select(i => pending[i].Signing.Batch!.Request(pending[i].LeafIndex, checkpoint)).ToList());
            for (var k = 0; k < indexes.Count; k++)
            {
                signed[indexes[k]] = batch[k];
            }
        }

        for (var i = 0; i < pending.Count; i++)
        {
            signed[i] ??= pending[i].Signing.Sign(pending[i].LeafIndex, checkpoint);
        }

        return signed;
    }

    /// <summary>
    /// The stored checkpoint that covers the whole log when there is no new one to sign: a
    /// checkpoint issued in this batch after its last audit entry already does.
    /// </summary>
    private static async Task<AuditCheckpoint> CoveringCheckpointAsync(WriteContext context, CancellationToken cancellationToken) =>
        (await CheckpointTable.ReadAsync(context.Session, context.Audit.Size, 1, cancellationToken)) is [{ } row]
            ? row.ToCheckpoint()
            : throw new InvalidOperationException($"No checkpoint covers the audit log's {context.Audit.Size} entries, and none could be signed.");
}
