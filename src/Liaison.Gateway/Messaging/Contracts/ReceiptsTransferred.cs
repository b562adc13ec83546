namespace Liaison.Gateway.Messaging.Contracts;

/// <summary>
/// Several signed receipts for the same partner in one broker message, packed like
/// <see cref="EnvelopesTransferred"/>; each receipt is verified and recorded on its own.
/// <para>Part of the wire contract, like <see cref="ReceiptTransferred"/>: never rename or move it.</para>
/// </summary>
/// <param name="Receipts">The serialised <c>SignedReceipt</c>s, in the order they were queued.</param>
public sealed record ReceiptsTransferred(byte[][] Receipts);
