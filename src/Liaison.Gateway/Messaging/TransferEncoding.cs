namespace Liaison.Gateway.Messaging;

/// <summary>How this gateway encodes what it sends to the partner's gateway. It reads both, whatever it sends.</summary>
public enum TransferEncoding
{
    /// <summary>
    /// A <c>liaison.transport.v1.TransferFrame</c> (<see cref="BinaryTransferSerializer"/>): the
    /// envelopes' and receipts' bytes as they are. The default.
    /// </summary>
    Binary,

    /// <summary>
    /// MassTransit's JSON envelope, the bytes in base64: what gateways before the binary encoding
    /// send and, alone, read. For a partner that has not been upgraded yet.
    /// </summary>
    Json,
}
