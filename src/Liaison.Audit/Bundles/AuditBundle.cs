using Liaison.Agreement.V1;
using Liaison.Audit.Merkle;

namespace Liaison.Audit.Bundles;

/// <summary>
/// A self-contained export of one node's audit log: everything an auditor needs to check it
/// offline, on any machine (deploy/audit-log.md, "Export bundles"). Its JSON form is read and
/// written by <see cref="AuditBundleJson"/> and checked by <see cref="AuditBundleVerifier"/>.
/// </summary>
/// <param name="NodeId">The node whose log this is.</param>
/// <param name="Origin">The log's checkpoint origin, e.g. "liaison.example/vn-laocai/audit".</param>
/// <param name="ExportedAt">When the export was written (not covered by any signature).</param>
/// <param name="Agreement">The co-signed agreement: both nodes' public keys, signed by both authorities.</param>
/// <param name="FirstSeq">The seq of the first entry; 1 for a whole log.</param>
/// <param name="TreeSize">The seq of the last entry the export meant to include: the size of the tree it ends with.</param>
/// <param name="Prefix">
/// For a range that starts after entry 1: the hashes of the perfect subtrees that cover entries
/// 1 to FirstSeq - 1, largest first (RFC 9162 compact range), so that roots can be recomputed.
/// Empty for a whole log.
/// </param>
public sealed record AuditBundle(
    string NodeId,
    string Origin,
    DateTimeOffset ExportedAt,
    SignedAgreement Agreement,
    long FirstSeq,
    long TreeSize,
    IReadOnlyList<MerkleHash> Prefix,
    IReadOnlyList<BundleEntry> Entries,
    IReadOnlyList<BundleCheckpoint> Checkpoints,
    IReadOnlyList<BundleCosignature> Cosignatures);
