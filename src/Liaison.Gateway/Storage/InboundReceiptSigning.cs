using Liaison.Audit.Notes;

namespace Liaison.Gateway.Storage;

/// <summary>
/// How the store gets an inbound envelope's receipt signed once the audit entry that records
/// the envelope has its index: after every write of the batch has run, one checkpoint of the
/// log is signed for the whole batch, then each receipt with its entry's leaf index and that
/// checkpoint, and all of it commits with the envelope (see
/// <see cref="IGatewayStore.RecordInboundWithReceiptAsync"/>).
/// </summary>
/// <param name="NodeId">This node: its checkpoints' origin is <see cref="AuditLogOrigin.For"/>(NodeId).</param>
/// <param name="CheckpointSigner">Signs the batch's checkpoint (normally a <see cref="NodeNoteSigner"/>).</param>
/// <param name="Sign">
/// Signs the receipt, given the leaf index of the entry that recorded the envelope's storing or
/// refusal and a stored checkpoint covering it (normally <see cref="Crypto.Envelopes.ReceiptSigner"/>).
/// It runs inside the write transaction, so it must be quick and must not call the store; it may
/// run again if the batch it was in fails, and only the committed receipt is ever sent.
/// </param>
public sealed record InboundReceiptSigning(string NodeId, INoteSigner CheckpointSigner, Func<long, AuditCheckpoint, byte[]> Sign)
{
    /// <summary>
    /// When set, the receipt is signed together with the batch's other receipts that name the
    /// same signer, one signature per sender and batch (<see cref="Crypto.Envelopes.ReceiptSigner.SignBatch"/>),
    /// instead of by <see cref="Sign"/>.
    /// </summary>
    public BatchReceiptSigning? Batch { get; init; }
}

/// <summary>How a receipt is signed in a batch: the signer, and the receipt to sign given its leaf index and the batch's checkpoint.</summary>
public sealed record BatchReceiptSigning(Crypto.Envelopes.ReceiptSigner Signer, Func<long, AuditCheckpoint, Crypto.Envelopes.ReceiptRequest> Request);
