namespace Liaison.Gateway.Storage;

/// <summary>
/// A submit reused a request id for a different request (its digest differs). A
/// retry of the same request returns the first result instead; this is the case
/// where retrying cannot help (FAILED_PRECONDITION).
/// </summary>
public sealed class RequestIdConflictException : Exception
{
    public RequestIdConflictException(string requestId, Guid existingEnvelopeId)
        : base("This request id was already used for a different request.")
    {
        RequestId = requestId;
        ExistingEnvelopeId = existingEnvelopeId;
    }

    public RequestIdConflictException()
        : this("", Guid.Empty)
    {
    }

    public RequestIdConflictException(string message)
        : base(message) => RequestId = "";

    public RequestIdConflictException(string message, Exception innerException)
        : base(message, innerException) => RequestId = "";

    public string RequestId { get; }

    /// <summary>The envelope that the first request with this id produced.</summary>
    public Guid ExistingEnvelopeId { get; }
}
