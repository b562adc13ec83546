namespace Liaison.Gateway.Storage;

/// <summary>
/// A change would move a message along a path that <see cref="MessageTransitions"/>
/// does not allow. <see cref="Current"/> is the state the message is really in.
/// </summary>
public sealed class IllegalStateTransitionException : Exception
{
    public IllegalStateTransitionException(Guid envelopeId, MessageDirection direction, MessageState current, MessageState attempted)
        : base($"The {direction.ToString().ToLowerInvariant()} message {envelopeId} is {current} and cannot become {attempted}.")
    {
        EnvelopeId = envelopeId;
        Direction = direction;
        Current = current;
        Attempted = attempted;
    }

    public IllegalStateTransitionException()
    {
    }

    public IllegalStateTransitionException(string message)
        : base(message)
    {
    }

    public IllegalStateTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Guid EnvelopeId { get; }

    public MessageDirection Direction { get; }

    public MessageState Current { get; }

    public MessageState Attempted { get; }
}
