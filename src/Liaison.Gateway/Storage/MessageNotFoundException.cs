namespace Liaison.Gateway.Storage;

/// <summary>No message with this envelope id is stored (NOT_FOUND).</summary>
public sealed class MessageNotFoundException : Exception
{
    public MessageNotFoundException(Guid envelopeId)
        : base($"No message with envelope id {envelopeId} is stored.") => EnvelopeId = envelopeId;

    public MessageNotFoundException()
    {
    }

    public MessageNotFoundException(string message)
        : base(message)
    {
    }

    public MessageNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Guid EnvelopeId { get; }
}
