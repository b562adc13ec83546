namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// What one write operation works with: the batch's transaction, the audit chain's
/// head and the clock. Operations in a batch share it in turn and see each other's
/// uncommitted rows. Not thread-safe: owned by the single writer.
/// </summary>
internal sealed class WriteContext(StoreSession session, AuditLog audit, TimeProvider time, StoreOptions options, Protection.FieldProtection? protection = null)
{
    /// <summary>How personal columns are written and read: <see cref="Protection.FieldProtection.None"/> when the store was opened without a KEK.</summary>
    public Protection.FieldProtection Protection => protection ?? Gateway.Protection.FieldProtection.None;

    public StoreSession Session => session;

    /// <summary>The batch's inbound receipts, signed under one checkpoint just before it commits.</summary>
    public ReceiptBatch Receipts { get; } = new();

    public AuditLog Audit => audit;

    public StoreOptions Options => options;

    public DateTimeOffset Now => time.GetUtcNow();
}
