using Liaison.Envelope.V1;
using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Messaging;

/// <summary>
/// An inbound envelope failed verification. The fault is permanent: retrying cannot make
/// a bad signature good, so the receive endpoint excludes it from retry and MassTransit
/// moves the message straight to <c>liaison.inbound_error</c>, where the message text
/// (in the <c>MT-Fault-Message</c> header) tells an operator why.
/// The message holds the reason code and the opener's detail (node ids and key ids at
/// most), never payload or key material.
/// </summary>
public sealed class EnvelopeRejectedException : Exception
{
    public EnvelopeRejectedException(RejectionReason reason, string detail)
        : base($"{ReasonCodes.Of(reason)}: {detail}")
    {
        Reason = reason;
    }

    public EnvelopeRejectedException()
    {
    }

    public EnvelopeRejectedException(string message)
        : base(message)
    {
    }

    public EnvelopeRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RejectionReason Reason { get; }
}
