using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Grpc.Internal;

/// <summary>
/// A fetch named a message whose payload this node does not hold (FAILED_PRECONDITION):
/// one it sent, whose payload only ever existed sealed, or one it refused.
/// </summary>
internal sealed class PayloadUnavailableException : Exception
{
    public PayloadUnavailableException(Guid envelopeId, MessageDirection direction, MessageState state)
        : base(direction == MessageDirection.Outbound
            ? "Only received messages can be fetched; this node sent this one and keeps it sealed only."
            : $"This received message is {state.ToString().ToLowerInvariant()} and has no payload to fetch.")
    {
        EnvelopeId = envelopeId;
        State = state;
    }

    public PayloadUnavailableException()
    {
    }

    public PayloadUnavailableException(string message)
        : base(message)
    {
    }

    public PayloadUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Guid EnvelopeId { get; }

    public MessageState State { get; }
}
