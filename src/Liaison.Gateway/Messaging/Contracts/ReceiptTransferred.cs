namespace Liaison.Gateway.Messaging.Contracts;

/// <summary>
/// A signed receipt on its way back to the gateway that sent the envelope. It
/// carries only the receipt's bytes (ids, digests, status and signatures).
/// <para>Part of the wire contract, like <see cref="EnvelopeTransferred"/>: never rename or move it.</para>
/// </summary>
/// <param name="Receipt">The serialised <c>SignedReceipt</c>.</param>
public sealed record ReceiptTransferred(byte[] Receipt);
