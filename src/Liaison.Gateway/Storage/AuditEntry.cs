namespace Liaison.Gateway.Storage;

/// <summary>
/// One entry of the audit log. It holds ids, states, reason codes, who acted and a keyed
/// hash of what about, never personal data. <see cref="Internal.AuditHashing"/> defines the
/// bytes that <see cref="Hash"/> and <see cref="LeafData"/> cover.
/// </summary>
/// <param name="Seq">1, 2, 3, … with no gaps.</param>
/// <param name="EnvelopeId">Null for an envelope too broken to identify, or an event about no message.</param>
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
    ReadOnlyMemory<byte> Hash)
{
    /// <summary>
    /// Who did it: an authenticated caller's subject id (e.g. "vn-laocai/officer-0042"),
    /// <see cref="Auditing.AuditActors.Node"/> for the gateway's own acts, or the partner node id for
    /// what its traffic caused. Empty in entries of format 1, written before actors were recorded.
    /// </summary>
    public string Actor { get; init; } = "";

    /// <summary>
    /// The case or person concerned as a keyed hash (e.g. "case:3q2-…"; see
    /// <see cref="Auditing.AuditPseudonyms"/>), or empty. It links entries about the same case
    /// without naming it; only the node that holds the key can compute it from a case reference.
    /// </summary>
    public string Subject { get; init; } = "";

    /// <summary>The canonical encoding the entry's hashes cover: 1 or 2 (see deploy/audit-log.md).</summary>
    public int FormatVersion { get; init; } = 2;

    /// <summary>The entry's canonical bytes as read from the store: its Merkle leaf data (leaf index <see cref="Seq"/> - 1).</summary>
    public ReadOnlyMemory<byte> LeafData { get; init; }
}
