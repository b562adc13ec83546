using Liaison.Crypto;
using Liaison.Envelope.V1;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// The clear-text header fields the store keeps and audits. Checked on the way in
/// so that nothing but narrow identifiers (never personal data) can reach a row,
/// an audit entry or an exception message.
/// </summary>
internal static class HeaderFields
{
    /// <summary>The first problem, as a sentence, or null when every field is well formed.</summary>
    public static string? Problem(string peerNode, string messageType, string caseReference, string correlationId, Priority priority) =>
        !Identifiers.IsNodeId(peerNode) ? "A node id is lower-case letters, digits and '-', at most 63 characters." :
        !Identifiers.IsMessageType(messageType) ? "A message type is a lower-case dotted name." :
        !Identifiers.IsReference(caseReference) || !Identifiers.IsReference(correlationId)
            ? "Case references and correlation ids are up to 64 characters of A-Z, a-z, 0-9, '/', '.', '_' and '-'." :
        !Enum.IsDefined(priority) || priority == Priority.Unspecified ? "The priority must be routine, high or urgent." :
        null;

    /// <exception cref="ArgumentException">A field is not well formed.</exception>
    public static void Validate(string peerNode, string messageType, string caseReference, string correlationId, Priority priority)
    {
        if (Problem(peerNode, messageType, caseReference, correlationId, priority) is { } problem)
        {
            throw new ArgumentException(problem);
        }
    }
}
