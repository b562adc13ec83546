using Liaison.Cli.Rendering;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Commands;

/// <summary>An attachment as the attachment commands show it: ids, sizes, states and the digest, never its bytes.</summary>
internal static class AttachmentRenderer
{
    public static void Write(TextWriter output, Attachment attachment)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(attachment);
        output.WriteField("Attachment", Display.Untrusted(attachment.Name));
        output.WriteField("State", Display.Enum(attachment.State));
        output.WriteField("Peer", Display.Untrusted(attachment.PeerNode));
        output.WriteField("Case", attachment.CaseReference.Length == 0 ? Display.None : Display.Untrusted(attachment.CaseReference));
        if (attachment.SizeBytes > 0)
        {
            output.WriteField("Size", $"{Display.Count((long)attachment.SizeBytes, "byte")}, {Display.Untrusted(attachment.MediaType)}");
            output.WriteField("SHA-256", Display.Hex(attachment.Sha256));
        }

        output.WriteField("Chunks", attachment.ChunkCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
