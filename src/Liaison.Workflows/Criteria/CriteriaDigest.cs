using Liaison.Workflow.V1;

namespace Liaison.Workflows.Criteria;

/// <summary>
/// The digest both sides sign for a criteria catalogue: SHA-256 of its
/// canonical bytes, i.e. the standard protobuf binary encoding of the
/// catalogue with unknown fields discarded (fields in field-number order,
/// proto3 defaults omitted, repeated fields in the order given; the message
/// has no maps). "Signed the same bytes" means signed the same digest.
/// </summary>
public static class CriteriaDigest
{
    /// <summary>The canonical bytes.</summary>
    public static byte[] CanonicalBytes(CriteriaCatalogue catalogue) => CanonicalProtobuf.Bytes(catalogue, CriteriaCatalogue.Parser);

    /// <summary>The 32-byte digest.</summary>
    public static byte[] Of(CriteriaCatalogue catalogue) => CanonicalProtobuf.Sha256(catalogue, CriteriaCatalogue.Parser);

    /// <summary>The bytes a proposer or endorser signs (see <see cref="WorkflowSigning"/>).</summary>
    public static byte[] SigningBytes(CriteriaCatalogue catalogue) => WorkflowSigning.CriteriaCatalogueBytes(Of(catalogue));
}
