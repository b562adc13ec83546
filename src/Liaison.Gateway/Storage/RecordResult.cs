namespace Liaison.Gateway.Storage;

/// <summary>The committed outcome of recording an inbound envelope or a receipt.</summary>
/// <param name="Message">The message after the change; for a duplicate, as it was first recorded (with its original receipt).</param>
/// <param name="IsDuplicate">True when this envelope or receipt was already recorded: nothing was stored again.</param>
public sealed record RecordResult(MessageRecord Message, bool IsDuplicate)
{
    /// <summary>
    /// True when a receipt was queued in the outbox by this call: the new one, or for an
    /// authentic duplicate the original again. The caller should wake the dispatcher.
    /// </summary>
    public bool ReceiptQueued { get; init; }
}
