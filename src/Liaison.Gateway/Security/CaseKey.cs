using Liaison.Crypto;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Security;

/// <summary>
/// A case as the need-to-know rules see it: a case reference together with the node whose
/// reference it is. A case reference is the author side's (see workflow.proto), so the same
/// text on the two sides names two cases; keying by node keeps a partner's "2026-001" apart
/// from this side's. A message sent without a case reference belongs to the case of its
/// correlation id, and one with neither to a case of its own; those references start with
/// '~', which no case reference can.
/// </summary>
/// <param name="Node">The node that wrote the reference: this node for outbound messages, the partner for inbound ones.</param>
public sealed record CaseKey(string Node, string Reference)
{
    private const string Prefix = "cases/";

    /// <summary>The case's resource name, "cases/{node}/{reference}", as the access API and error details show it.</summary>
    public string Name => Prefix + Node + "/" + Reference;

    /// <summary>The case a message belongs to, on the node <paramref name="thisNode"/>.</summary>
    public static CaseKey Of(string thisNode, MessageDirection direction, string peerNode, string caseReference, string correlationId, Guid envelopeId)
    {
        ArgumentNullException.ThrowIfNull(caseReference);
        ArgumentNullException.ThrowIfNull(correlationId);
        var author = direction == MessageDirection.Outbound ? thisNode : peerNode;
        return new CaseKey(author, caseReference.Length > 0 ? caseReference
            : correlationId.Length > 0 ? "~" + correlationId
            : "~" + envelopeId.ToString("D"));
    }

    public static CaseKey Of(string thisNode, MessageSummary message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Of(thisNode, message.Direction, message.PeerNode, message.CaseReference, message.CorrelationId, message.EnvelopeId);
    }

    public static CaseKey Of(string thisNode, MessageRecord message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Of(thisNode, message.Direction, message.PeerNode, message.CaseReference, message.CorrelationId, message.EnvelopeId);
    }

    /// <summary>Parses "cases/{node}/{reference}"; the reference may hold '/' and may be a '~' one.</summary>
    public static bool TryParse(string? name, out CaseKey key)
    {
        key = new CaseKey("", "");
        if (name is null || !name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = name[Prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        var (node, reference) = (rest[..slash], rest[(slash + 1)..]);
        var bare = reference.StartsWith('~') ? reference[1..] : reference;
        if (!Identifiers.IsNodeId(node) || bare.Length == 0 || !Identifiers.IsReference(bare))
        {
            return false;
        }

        key = new CaseKey(node, reference);
        return true;
    }

    public override string ToString() => Name;
}
