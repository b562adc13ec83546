using System.Globalization;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Rendering;

/// <summary>A gateway's message as the <c>message</c> commands and the demo show it: header fields only, never a payload.</summary>
internal static class MessageRenderer
{
    public static void Write(TextWriter output, Message message)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        output.WriteField("Name", Display.Untrusted(message.Name));
        output.WriteField("Direction", Display.Enum(message.Direction));
        output.WriteField(message.Direction == MessageDirection.Inbound ? "From" : "To", Display.Untrusted(message.PeerNode));
        output.WriteField("Type", Display.Untrusted(message.MessageType));
        output.WriteField("Case reference", Display.Untrusted(message.CaseReference));
        if (message.CorrelationId.Length > 0)
        {
            output.WriteField("Correlation id", Display.Untrusted(message.CorrelationId));
        }

        output.WriteField("Priority", Display.Enum(message.Priority));
        output.WriteField("Sequence", message.Sequence.ToString(CultureInfo.InvariantCulture));
        output.WriteField("State", Display.Enum(message.State));
        if (message.State == MessageState.Rejected)
        {
            output.WriteField("Rejection reason", Display.Enum(message.RejectionReason));
        }

        output.WriteField("Created", Display.Time(message.CreateTime));
        output.WriteField("Updated", Display.Time(message.UpdateTime));
        output.WriteField("Expires", Display.Time(message.ExpireTime));
        output.WriteField("Payload", Display.Count((long)message.PayloadSizeBytes, "byte"));
    }

    /// <summary>One line: envelope id, state, peer, type, case reference, size.</summary>
    public static string Line(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join("  ",
            Display.Untrusted(message.EnvelopeId),
            Display.Enum(message.State),
            Display.Untrusted(message.PeerNode),
            Display.Untrusted(message.MessageType),
            Display.Untrusted(message.CaseReference),
            Display.Count((long)message.PayloadSizeBytes, "byte"));
    }
}
