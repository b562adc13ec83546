using Liaison.Audit.Merkle;

namespace Liaison.Audit.Bundles;

/// <summary>One thing wrong with a bundle.</summary>
/// <param name="Item">Which item: "agreement", "entry 7", "checkpoint 120", "cosignature 120 by cn-yunnan".</param>
/// <param name="Description">A sentence that says what is wrong and, where it can, what was done.</param>
public sealed record AuditBundleProblem(string Item, string Description);

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
