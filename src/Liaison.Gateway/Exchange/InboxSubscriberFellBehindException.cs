namespace Liaison.Gateway.Exchange;

/// <summary>
/// An inbox stream fell too far behind and was ended (ABORTED): its client resumes by
/// listing the inbox, which is durable, and opening a new stream.
/// </summary>
public sealed class InboxSubscriberFellBehindException : Exception
{
    public InboxSubscriberFellBehindException()
        : base("This inbox stream fell too far behind and was ended; list the inbox to catch up, then open a new stream.")
    {
    }

    public InboxSubscriberFellBehindException(string message)
        : base(message)
    {
    }

    public InboxSubscriberFellBehindException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
