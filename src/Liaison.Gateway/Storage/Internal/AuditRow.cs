namespace Liaison.Gateway.Storage.Internal;

/// <summary>An audit row exactly as stored: text as text, so that verification hashes what is really there.</summary>
internal sealed record AuditRow(long Seq, long RecordedAt, string EventType, Guid? EnvelopeId, string PeerNode, string ReasonCode, string Detail, byte[] Hash)
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
        Hash);
}
