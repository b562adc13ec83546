namespace Liaison.Gateway.Storage;

/// <summary>
/// What the store's single writer spends its time on (see <see cref="GatewayStore.WriterTime"/>):
/// the writes of each kind, the end of each batch and its commit.
/// </summary>
public enum StoreWriterPhase
{
    /// <summary>Writes of no kind below: refusals, witnessing, case access, maintenance.</summary>
    Other,

    /// <summary>Submits: idempotency check, link sequence, seal, message, outbox row, audit entries.</summary>
    Submit,

    /// <summary>Arrived envelopes: inbox check, message, audit entries (their receipts are signed at the batch's end).</summary>
    Inbound,

    /// <summary>Verified receipts of sent envelopes: the move to Delivered or Rejected, and its audit entries.</summary>
    Receipt,

    /// <summary>The dispatcher's claims of due outbox rows.</summary>
    OutboxClaim,

    /// <summary>The dispatcher's records of publisher confirms (the move to Published) and of retries.</summary>
    OutboxConfirm,

    /// <summary>
    /// Once a batch's writes have run: its receipts signed and queued, with the audit checkpoint
    /// they carry, and its audit entries and Merkle nodes written.
    /// </summary>
    BatchEnd,

    /// <summary>The commit itself: the WAL or log write and its flush to disk, and SQLite's checkpoints.</summary>
    Commit,
}
