namespace Liaison.Gateway.Attachments.Internal;

/// <summary>The message types an attachment travels as; a link must allow both.</summary>
internal static class AttachmentMessageTypes
{
    public const string Chunk = "attachment.chunk";

    public const string Manifest = "attachment.manifest";
}
