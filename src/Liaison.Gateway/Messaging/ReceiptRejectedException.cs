using Liaison.Envelope.V1;
using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Messaging;

/// <summary>
/// A receipt that came back is not a valid receipt for an envelope this node sent: not
/// authentic, about an unknown envelope, or about an inbound one. Permanent, like
/// <see cref="EnvelopeRejectedException"/>: excluded from retry, moved to the error queue
/// with the reason code and a safe detail (ids only) as its message.
/// </summary>
public sealed class ReceiptRejectedException : Exception
{
    public ReceiptRejectedException(RejectionReason reason, string detail)
        : base($"{ReasonCodes.Of(reason)}: {detail}")
    {
        Reason = reason;
    }

    public ReceiptRejectedException()
    {
    }

    public ReceiptRejectedException(string message)
        : base(message)
    {
    }

    public ReceiptRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RejectionReason Reason { get; }
}
