namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// One inbound envelope's receipt, to be signed once the batch's writes have all run (see
/// <see cref="ReceiptBatch"/>). Made afresh for each run of its write, so a batch that fails
/// and runs again leaves nothing behind. Not thread-safe: owned by the single writer.
/// </summary>
internal sealed class PendingReceipt(InboundReceiptSigning signing)
{
    public InboundReceiptSigning Signing => signing;

    public Guid EnvelopeId { get; private set; }

    public string PeerNode { get; private set; } = "";

    public long LeafIndex { get; private set; } = -1;

    /// <summary>The signed receipt, once the batch signed it.</summary>
    public byte[]? Bytes { get; private set; }

    /// <summary>Queues the receipt of <paramref name="message"/>, whose storing or refusal the audit entry at <paramref name="leafIndex"/> records.</summary>
    public void Enqueue(WriteContext context, MessageRecord message, long leafIndex)
    {
        (EnvelopeId, PeerNode, LeafIndex) = (message.EnvelopeId, message.PeerNode, leafIndex);
        context.Receipts.Add(this);
    }

    public void Signed(byte[] bytes) => Bytes = bytes;
}
