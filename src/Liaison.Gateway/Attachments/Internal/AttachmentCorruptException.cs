namespace Liaison.Gateway.Attachments.Internal;

/// <summary>
/// The stored chunks of a received attachment do not add up to what its manifest says (DATA_LOSS):
/// a chunk is missing from its place, belongs elsewhere, or the SHA-256 of the whole differs.
/// </summary>
internal sealed class AttachmentCorruptException : Exception
{
    public AttachmentCorruptException(string attachmentId, string problem)
        : base("The received attachment does not match its manifest: " + problem)
    {
        AttachmentId = attachmentId;
    }

    public AttachmentCorruptException()
    {
    }

    public AttachmentCorruptException(string message)
        : base(message)
    {
    }

    public AttachmentCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string AttachmentId { get; } = "";
}
