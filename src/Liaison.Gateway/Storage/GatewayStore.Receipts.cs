using Liaison.Envelope.V1;
using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Storage;

/// <summary>Receipts that carry the receiver's audit-log position of the envelope and a checkpoint covering it (deploy/audit-log.md, "Receipts").</summary>
public sealed partial class GatewayStore
{
    public async Task<RecordResult> RecordInboundWithReceiptAsync(InboundRecord record, InboundReceiptSigning receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentException.ThrowIfNullOrEmpty(receipt.NodeId);
        ArgumentNullException.ThrowIfNull(receipt.CheckpointSigner);
        ArgumentNullException.ThrowIfNull(receipt.Sign);
        record.Validate();
        var (result, pending) = await writer.WriteAsync(
            async c =>
            {
                // Made afresh on every run: a batch that fails runs its writes again one by one.
                var pending = new PendingReceipt(receipt);
                return (await InboundOperation.RunAsync(c, record, null, CancellationToken.None, pending), pending);
            },
            cancellationToken,
            StoreWriterPhase.Inbound);
        return pending.Bytes is { } signed && !result.IsDuplicate
            ? result with { Message = result.Message with { ReceiptBytes = signed } }
            : result;
    }

    public Task<RecordResult> RecordReceiptAsync(Guid envelopeId, ReadOnlyMemory<byte> receiptBytes, ReceiptStatus status, RejectionReason reason, ReceiptLogPosition receiverLog, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receiverLog);
        ArgumentException.ThrowIfNullOrEmpty(receiverLog.LogNode);
        ArgumentException.ThrowIfNullOrEmpty(receiverLog.CheckpointNote);
        ArgumentOutOfRangeException.ThrowIfNegative(receiverLog.LeafIndex);
        if (receiverLog.TreeSize <= receiverLog.LeafIndex)
        {
            throw new ArgumentException("A receipt's checkpoint must cover its leaf index: its tree size is larger than the index.", nameof(receiverLog));
        }

        var consistent = status == ReceiptStatus.Accepted ? reason == RejectionReason.Unspecified
            : status == ReceiptStatus.Rejected && reason != RejectionReason.Unspecified && Enum.IsDefined(reason);
        if (!consistent || receiptBytes.IsEmpty)
        {
            throw new ArgumentException("A receipt is accepted with no reason, or rejected with one, and comes with its signed bytes.", nameof(status));
        }

        var bytes = receiptBytes.ToArray();
        return writer.WriteAsync(
            async c =>
            {
                var result = await ReceiptOperation.RunAsync(c, envelopeId, bytes, status, reason, now, CancellationToken.None);
                if (!result.IsDuplicate)
                {
                    await ReceiptLogTable.InsertAsync(c.Session, envelopeId, receiverLog, c.Now, CancellationToken.None);
                }

                return result;
            },
            cancellationToken,
            StoreWriterPhase.Receipt);
    }

    public Task<ReceiptLogPosition?> GetReceiptLogPositionAsync(Guid envelopeId, CancellationToken cancellationToken = default) =>
        ReadAsync(s => ReceiptLogTable.FindAsync(s, envelopeId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<string>> ListReceiptCheckpointNotesAsync(string logNode, long treeSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logNode);
        return ReadAsync(s => ReceiptLogTable.CheckpointNotesAsync(s, logNode, treeSize, cancellationToken), cancellationToken);
    }
}
