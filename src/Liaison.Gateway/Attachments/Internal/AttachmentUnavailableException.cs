namespace Liaison.Gateway.Attachments.Internal;

/// <summary>
/// An attachment exists but its bytes cannot be downloaded here (FAILED_PRECONDITION):
/// chunks are still missing (ATTACHMENT_INCOMPLETE), or this node sent it and keeps only
/// envelopes sealed for the recipient (PAYLOAD_UNAVAILABLE).
/// </summary>
internal sealed class AttachmentUnavailableException : Exception
{
    public const string Incomplete = "ATTACHMENT_INCOMPLETE";
    public const string SentHere = "PAYLOAD_UNAVAILABLE";

    public AttachmentUnavailableException(string attachmentId, string reason)
        : base(reason == SentHere
            ? "Only received attachments can be downloaded; this node sent this one and keeps it sealed only."
            : "Not every chunk of this attachment has arrived yet; retry when its state is ATTACHMENT_STATE_RECEIVED.")
    {
        AttachmentId = attachmentId;
        Reason = reason;
    }

    public AttachmentUnavailableException()
    {
    }

    public AttachmentUnavailableException(string message)
        : base(message)
    {
    }

    public AttachmentUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string AttachmentId { get; } = "";

    /// <summary>The ErrorInfo reason.</summary>
    public string Reason { get; } = "";
}
