namespace Liaison.Gateway.Storage;

/// <summary>
/// Where a message's receiver recorded it in its audit log, as the message's signed receipt
/// says, with the receiver's checkpoint that covers it (deploy/audit-log.md, "Receipts").
/// </summary>
/// <param name="LogNode">Whose audit log: the recipient of an outbound message, this node for an inbound one.</param>
/// <param name="LeafIndex">The leaf index, from 0, of the receiver's audit entry that recorded the envelope's storing or refusal (that entry's seq - 1).</param>
/// <param name="TreeSize">The checkpoint's tree size: larger than <paramref name="LeafIndex"/>.</param>
/// <param name="CheckpointNote">The receiver's C2SP signed checkpoint note, signed with its node key.</param>
public sealed record ReceiptLogPosition(string LogNode, long LeafIndex, long TreeSize, string CheckpointNote);
