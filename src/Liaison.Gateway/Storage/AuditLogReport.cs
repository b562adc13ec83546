using Liaison.Audit.Merkle;

namespace Liaison.Gateway.Storage;

/// <summary>What <see cref="AuditLogVerifier"/> found: the log recomputed from its entries, and every problem, first bad entry first.</summary>
/// <param name="Entries">How many entries were read in order before the first missing or bad one (all of them when intact).</param>
/// <param name="Root">The root recomputed over those entries.</param>
/// <param name="CheckpointsVerified">How many stored checkpoints were found signed and consistent with the entries.</param>
public sealed record AuditLogReport(long Entries, MerkleHash Root, int CheckpointsVerified, IReadOnlyList<AuditLogProblem> Problems)
{
    public bool IsIntact => Problems.Count == 0;

    /// <summary>The first entry found bad (missing, altered, moved, or beyond a truncation); null when none is named.</summary>
    public long? FirstBadSeq => Problems.Where(p => p.Seq is not null).Min(p => p.Seq);
}

/// <summary>One thing wrong with a stored audit log.</summary>
/// <param name="Seq">The entry concerned, when the problem is one entry's.</param>
/// <param name="CheckpointSize">The checkpoint concerned, when it is a checkpoint's.</param>
/// <param name="Description">A sentence saying what is wrong.</param>
public sealed record AuditLogProblem(long? Seq, long? CheckpointSize, string Description);
