namespace Liaison.Gateway.Storage.Internal;

/// <summary>An audit row exactly as stored: text as text, so that verification hashes what is really there.</summary>
/// <param name="Actor">Who did it; always empty in a format-1 row, which predates the column.</param>
/// <param name="Subject">The keyed hash of the case or person concerned, or empty; always empty in a format-1 row.</param>
/// <param name="FormatVersion">Which canonical encoding the row's hashes cover: 1 ("liaison-audit-v1") or 2 ("liaison-audit-v2").</param>
internal sealed record AuditRow(
    long Seq,
    long RecordedAt,
    string EventType,
    Guid? EnvelopeId,
    string PeerNode,
    string ReasonCode,
    string Detail,
    byte[] Hash,
    string Actor = "",
    string Subject = "",
    int FormatVersion = AuditHashing.V1)
{
    /// <exception cref="InvalidDataException">The stored event type is not one this version knows: the row was altered.</exception>
    public AuditEntry ToEntry() => new(
        Seq,
        DbValues.Time(RecordedAt),
        Enum.TryParse<AuditEventType>(EventType, ignoreCase: false, out var type) && Enum.IsDefined(type)
            ? type
            : throw new InvalidDataException($"Audit entry {Seq} has an unknown event type; verify the audit chain."),
        EnvelopeId,
        PeerNode,
        ReasonCode,
        Detail,
        Hash)
    {
        Actor = Actor,
        Subject = Subject,
        FormatVersion = FormatVersion,
        LeafData = AuditHashing.Canonical(this),
    };
}
