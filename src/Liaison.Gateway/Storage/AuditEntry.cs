namespace Liaison.Gateway.Storage;

/// <summary>
/// One entry of the hash-linked audit trail. It holds ids, states and reason
/// codes only, never personal data. <see cref="Internal.AuditHashing"/> defines the
/// bytes that <see cref="Hash"/> covers.
/// </summary>
/// <param name="Seq">1, 2, 3, … with no gaps.</param>
/// <param name="EnvelopeId">Null for an envelope too broken to identify.</param>
/// <param name="PeerNode">The partner node concerned, or empty.</param>
/// <param name="ReasonCode">A rejection reason's proto name or an error code, or empty.</param>
/// <param name="Detail">A short sentence of ids and states.</param>
/// <param name="Hash">SHA-256(previous entry's hash ‖ this entry's canonical bytes).</param>
public sealed record AuditEntry(
    long Seq,
    DateTimeOffset RecordedAt,
    AuditEventType EventType,
    Guid? EnvelopeId,
    string PeerNode,
    string ReasonCode,
    string Detail,
    ReadOnlyMemory<byte> Hash);
