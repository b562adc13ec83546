namespace Liaison.Gateway.Storage;

/// <summary>The committed outcome of recording an inbound envelope or a receipt.</summary>
/// <param name="Message">The message after the change; for a duplicate, as it was first recorded (with its original receipt).</param>
/// <param name="IsDuplicate">True when this envelope or receipt was already recorded: only a Duplicate audit entry was added.</param>
public sealed record RecordResult(MessageRecord Message, bool IsDuplicate);
