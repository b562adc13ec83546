using Liaison.Audit.Merkle;

namespace Liaison.Audit.Bundles;

/// <summary>What <see cref="AuditBundleVerifier"/> found.</summary>
/// <param name="AgreementDigest">SHA-256 of the agreement bytes: compare it with the agreement you hold.</param>
/// <param name="Entries">How many entries are sound, in order, from the first.</param>
/// <param name="Root">The root recomputed over the sound entries (and the prefix).</param>
/// <param name="CoveredUpTo">The largest tree size a verified checkpoint signs: entries up to it are proven to be the node's.</param>
public sealed record AuditBundleReport(
    string NodeId,
    ReadOnlyMemory<byte> AgreementDigest,
    long FirstSeq,
    long Entries,
    MerkleHash Root,
    int CheckpointsVerified,
    int CosignaturesVerified,
    long CoveredUpTo,
    IReadOnlyList<AuditBundleProblem> Problems)
{
    public bool IsIntact => Problems.Count == 0;

    /// <summary>The seq of the last sound entry.</summary>
    public long LastSeq => FirstSeq + Entries - 1;
}
