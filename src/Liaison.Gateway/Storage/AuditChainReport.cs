namespace Liaison.Gateway.Storage;

/// <summary>The result of recomputing the audit chain from its first entry.</summary>
/// <param name="EntriesChecked">How many entries were read, up to and including the first bad one.</param>
/// <param name="FirstBadSeq">The first seq whose entry is missing, out of order or does not hash to what is stored; null when intact.</param>
/// <param name="Problem">A sentence saying what is wrong there; empty when intact.</param>
public sealed record AuditChainReport(long EntriesChecked, long? FirstBadSeq, string Problem)
{
    public bool IsIntact => FirstBadSeq is null;
}
