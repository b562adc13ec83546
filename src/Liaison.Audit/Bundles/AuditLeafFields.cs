namespace Liaison.Audit.Bundles;

/// <summary>
/// The fields of one audit entry as its canonical bytes (its Merkle leaf data) encode them;
/// see deploy/audit-log.md §2 and <see cref="AuditLeafCodec"/>.
/// </summary>
/// <param name="Format">The label the bytes start with, e.g. "liaison-audit-v1".</param>
/// <param name="RecordedAt">Unix milliseconds, UTC.</param>
/// <param name="EnvelopeId">Null when the entry names no envelope.</param>
/// <param name="Actor">Who acted; null in formats that have no actor.</param>
/// <param name="Subject">The keyed hash of the case or person concerned; null in formats that have no subject.</param>
public sealed record AuditLeafFields(
    string Format,
    long Seq,
    long RecordedAt,
    string EventType,
    Guid? EnvelopeId,
    string PeerNode,
    string ReasonCode,
    string Detail,
    string? Actor = null,
    string? Subject = null);
