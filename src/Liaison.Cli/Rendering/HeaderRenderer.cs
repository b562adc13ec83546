using System.Globalization;
using Liaison.Envelope.V1;

namespace Liaison.Cli.Rendering;

/// <summary>The clear-text header of an envelope, field by field.</summary>
internal static class HeaderRenderer
{
    public static void Write(TextWriter output, EnvelopeHeader header)
    {
        output.WriteField("Envelope id", EnvelopeId(header));
        output.WriteField("Format version", header.FormatVersion.ToString(CultureInfo.InvariantCulture));
        output.WriteField("Message type", Display.Untrusted(header.MessageType));
        output.WriteField("Sender", $"{Display.Untrusted(header.SenderNode)} (key {Display.Hex(header.SenderKeyId)})");
        output.WriteField("Recipient", $"{Display.Untrusted(header.RecipientNode)} (key {Display.Hex(header.RecipientKeyId)})");
        output.WriteField("Suite", Display.Enum(header.Suite));
        output.WriteField("Created", Display.Time(header.CreatedAt));
        output.WriteField("Expires", Display.Time(header.ExpiresAt));
        output.WriteField("Case reference", Display.Untrusted(header.CaseReference));
        output.WriteField("Correlation id", Display.Untrusted(header.CorrelationId));
        output.WriteField("Priority", Display.Enum(header.Priority));
        output.WriteField("Sequence", header.Sequence.ToString(CultureInfo.InvariantCulture));
        output.WriteField("Session started", Display.Time(header.KeyEstablishment?.SessionStartedAt));
        output.WriteField("Session message index", header.KeyEstablishment?.SessionMessageIndex.ToString(CultureInfo.InvariantCulture) ?? Display.None);
        output.WriteField("Signature algorithms", header.SignatureAlgorithms.Count == 0 ? Display.None : string.Join(", ", header.SignatureAlgorithms.Select(Display.Enum)));
    }

    /// <summary>The UUIDv7 in its usual text form; anything that is not 16 bytes is shown in hex.</summary>
    private static string EnvelopeId(EnvelopeHeader header) =>
        header.EnvelopeId.Length == 16 ? new Guid(header.EnvelopeId.Span, bigEndian: true).ToString() : Display.Hex(header.EnvelopeId);
}
