namespace Liaison.Audit.Bundles;

/// <summary>One audit entry: its readable fields and its canonical bytes, the leaf data its Merkle tree covers.</summary>
/// <param name="Actor">Who acted, when the node's entry format records it.</param>
/// <param name="Subject">The keyed hash of the case or person, when the node's entry format records it.</param>
public sealed record BundleEntry(
    long Seq,
    DateTimeOffset RecordedAt,
    string EventType,
    Guid? EnvelopeId,
    string PeerNode,
    string ReasonCode,
    string Detail,
    string? Actor,
    string? Subject,
    ReadOnlyMemory<byte> LeafData);
