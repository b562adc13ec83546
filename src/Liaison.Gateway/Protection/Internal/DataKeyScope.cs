using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Protection.Internal;

/// <summary>
/// Which data key a message's personal data goes under: its "case" for retention. The
/// unit read together comes first, so that a workflow (or an attachment) is never half
/// erased: the correlation id when there is one (a workflow's id, an attachment's chunks
/// and manifest), else the case reference, else the message alone. Header fields only,
/// which never hold personal data.
/// </summary>
internal static class DataKeyScope
{
    public static string Of(MessageRecord message) =>
        message.CorrelationId.Length > 0 ? "correlation/" + message.CorrelationId
        : message.CaseReference.Length > 0 ? "case/" + message.CaseReference
        : "message/" + message.EnvelopeId.ToString("D");
}
