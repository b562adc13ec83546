using Liaison.Gateway.Auditing;
using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Storage;

/// <summary>
/// An audited event that is not a message's own (those the store records with the change
/// they describe): a read, a refusal of access, an export, a start-up, a login. Never holds
/// personal data: a case or person is named by its keyed hash in <see cref="Subject"/>.
/// </summary>
/// <param name="EventType">Any type but a message's own (see <see cref="IsMessageEvent"/>).</param>
/// <param name="Actor">Who did it (see <see cref="AuditEntry.Actor"/>): 1 to 128 printable characters.</param>
/// <param name="Detail">A short sentence of ids, states and numbers: never anything from a payload.</param>
public sealed record AuditEventRecord(AuditEventType EventType, string Actor, string Detail)
{
    public const int MaxActorLength = 128;
    public const int MaxDetailLength = 1024;

    public Guid? EnvelopeId { get; init; }

    public string PeerNode { get; init; } = "";

    /// <summary>A keyed hash from <see cref="AuditPseudonyms"/>, or empty.</summary>
    public string Subject { get; init; } = "";

    /// <summary>An error or refusal code, or empty.</summary>
    public string ReasonCode { get; init; } = "";

    /// <summary>
    /// The events of a message's life (submit, seal, publish, receipt, delivery, arrival, refusal,
    /// expiry, retry, outbox release): the store writes them itself, in the transaction of the
    /// change they record, and never from an <see cref="AuditEventRecord"/>.
    /// </summary>
    public static bool IsMessageEvent(AuditEventType type) => type is AuditEventType.Submitted or AuditEventType.Sealed or AuditEventType.Published
        or AuditEventType.ReceiptReceived or AuditEventType.Delivered or AuditEventType.Received or AuditEventType.Verified or AuditEventType.Stored
        or AuditEventType.Rejected or AuditEventType.Duplicate or AuditEventType.Expired or AuditEventType.RetryScheduled
        or AuditEventType.ReceiptRefused or AuditEventType.OutboxReleased;

    /// <exception cref="ArgumentException">A field breaks its syntax, or the type is a message event.</exception>
    internal void Validate()
    {
        if (!Enum.IsDefined(EventType) || IsMessageEvent(EventType))
        {
            throw new ArgumentException($"{EventType} is a message event, which the store records with the change it describes; only other events are recorded on their own.", nameof(EventType));
        }

        if (!AuditActors.IsValid(Actor))
        {
            throw new ArgumentException($"An actor is 1 to {MaxActorLength} printable characters without spaces.", nameof(Actor));
        }

        if (Subject.Length > 0 && !AuditPseudonyms.IsSubject(Subject))
        {
            throw new ArgumentException("A subject is a keyed hash made by AuditPseudonyms, or empty.", nameof(Subject));
        }

        ArgumentNullException.ThrowIfNull(Detail);
        ArgumentNullException.ThrowIfNull(PeerNode);
        ArgumentNullException.ThrowIfNull(ReasonCode);
        if (Detail.Length > MaxDetailLength || Detail.Any(char.IsControl))
        {
            throw new ArgumentException($"A detail is one line of at most {MaxDetailLength} characters.", nameof(Detail));
        }

        if (ReasonCode.Length > 0 && !Crypto.Identifiers.IsReference(ReasonCode))
        {
            throw new ArgumentException("A reason code is 1 to 64 characters of A-Z, a-z, 0-9, '/', '.', '_' and '-'.", nameof(ReasonCode));
        }
    }

    internal AuditRow ToRow(long seq, long recordedAt) =>
        new(seq, recordedAt, EventType.ToString(), EnvelopeId, PeerNode, ReasonCode, Detail, [], Actor, Subject, AuditHashing.V2);
}
