namespace Liaison.Gateway.Protection;

/// <summary>
/// The personal data asked for belonged to a case whose retention ended: its data key was
/// destroyed (crypto-erasure), so it can never be read again. Its message names ids only.
/// </summary>
public sealed class CaseErasedException : Exception
{
    public CaseErasedException()
    {
    }

    public CaseErasedException(string message)
        : base(message)
    {
    }

    public CaseErasedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CaseErasedException(Guid envelopeId, DateTimeOffset erasedAt)
        : base($"The personal data of message {envelopeId:D} was erased on {erasedAt:yyyy-MM-dd} when its case's retention ended; it cannot be read any more.")
    {
        EnvelopeId = envelopeId;
        ErasedAt = erasedAt;
    }

    public Guid EnvelopeId { get; }

    public DateTimeOffset ErasedAt { get; }
}
