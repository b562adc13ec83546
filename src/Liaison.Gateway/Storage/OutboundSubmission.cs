using Liaison.Crypto;
using Liaison.Envelope.V1;
using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Storage;

/// <summary>
/// An officer's or partner system's request to send a message, as the store needs
/// it: the idempotency key and digest, and the header fields to check the sealed
/// envelope against. The payload itself only reaches the seal delegate.
/// </summary>
/// <param name="RequestId">Client-chosen, 1 to 64 characters of A-Z, a-z, 0-9, '/', '.', '_' and '-'.</param>
/// <param name="RequestDigest">SHA-256 of the canonical request (32 bytes): the same id with another digest is a conflict.</param>
/// <param name="PeerNode">The recipient node.</param>
/// <param name="MessageType">A lower-case dotted name, e.g. "verification.request".</param>
public sealed record OutboundSubmission(string RequestId, ReadOnlyMemory<byte> RequestDigest, string PeerNode, string MessageType)
{
    public const int RequestDigestLength = 32;

    public string CaseReference { get; init; } = "";

    public string CorrelationId { get; init; } = "";

    public Priority Priority { get; init; } = Priority.Routine;

    /// <summary>Who submitted it, as the audit entries name them: the caller's subject id, or "node" for the gateway's own messages.</summary>
    public string Actor { get; init; } = Auditing.AuditActors.Node;

    /// <summary>The clear payload to keep with the message, or null to keep only the sealed envelope.</summary>
    public ReadOnlyMemory<byte>? KeptPayload { get; init; }

    /// <exception cref="ArgumentException">A field breaks its syntax.</exception>
    internal void Validate()
    {
        if (RequestId.Length == 0 || !Identifiers.IsReference(RequestId))
        {
            throw new ArgumentException("A request id is 1 to 64 characters of A-Z, a-z, 0-9, '/', '.', '_' and '-'.", nameof(RequestId));
        }

        if (RequestDigest.Length != RequestDigestLength)
        {
            throw new ArgumentException("A request digest is a 32-byte SHA-256 value.", nameof(RequestDigest));
        }

        HeaderFields.Validate(PeerNode, MessageType, CaseReference, CorrelationId, Priority);
        if (!Auditing.AuditActors.IsValid(Actor))
        {
            throw new ArgumentException($"An actor is 1 to {AuditEventRecord.MaxActorLength} printable characters without spaces.", nameof(Actor));
        }
    }
}
