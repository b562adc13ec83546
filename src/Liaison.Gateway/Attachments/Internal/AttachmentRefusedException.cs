namespace Liaison.Gateway.Attachments.Internal;

/// <summary>
/// An upload broke the agreement's limit or did not match what it declared (INVALID_ARGUMENT
/// with its own ErrorInfo reason, e.g. ATTACHMENT_TOO_LARGE). The message names limits and
/// fields only, never the data.
/// </summary>
internal sealed class AttachmentRefusedException : Exception
{
    public const string TooLarge = "ATTACHMENT_TOO_LARGE";
    public const string SizeMismatch = "ATTACHMENT_SIZE_MISMATCH";
    public const string DigestMismatch = "ATTACHMENT_DIGEST_MISMATCH";

    public AttachmentRefusedException(string reason, string field, string message)
        : base(message)
    {
        Reason = reason;
        Field = field;
    }

    public AttachmentRefusedException()
    {
    }

    public AttachmentRefusedException(string message)
        : base(message)
    {
    }

    public AttachmentRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The ErrorInfo reason.</summary>
    public string Reason { get; } = "";

    /// <summary>The request field at fault, for the BadRequest violation.</summary>
    public string Field { get; } = "";
}
