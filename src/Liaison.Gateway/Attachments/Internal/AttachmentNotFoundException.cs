namespace Liaison.Gateway.Attachments.Internal;

/// <summary>No attachment with this id is here (NOT_FOUND): none was uploaded or received, or its manifest has not arrived.</summary>
internal sealed class AttachmentNotFoundException : Exception
{
    public AttachmentNotFoundException()
    {
    }

    public AttachmentNotFoundException(string message)
        : base(message)
    {
    }

    public AttachmentNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>32 hexadecimal digits (checked before any lookup), safe to return.</summary>
    public string AttachmentId { get; private init; } = "";

    public static AttachmentNotFoundException For(string attachmentId) => new("No attachment with this name is here.") { AttachmentId = attachmentId };
}
