using Liaison.Workflow.V1;

namespace Liaison.Workflows.Handover;

/// <summary>
/// The digest both sides sign for a handover record: SHA-256 of its canonical
/// bytes (standard protobuf binary encoding with unknown fields discarded;
/// see <see cref="Criteria.CriteriaDigest"/> for the rules).
/// </summary>
public static class HandoverRecordDigest
{
    /// <summary>The canonical bytes.</summary>
    public static byte[] CanonicalBytes(HandoverRecord record) => CanonicalProtobuf.Bytes(record, HandoverRecord.Parser);

    /// <summary>The 32-byte digest.</summary>
    public static byte[] Of(HandoverRecord record) => CanonicalProtobuf.Sha256(record, HandoverRecord.Parser);

    /// <summary>The bytes an officer's node signs (see <see cref="WorkflowSigning"/>).</summary>
    public static byte[] SigningBytes(HandoverRecord record) => WorkflowSigning.HandoverRecordBytes(Of(record));
}
