using Liaison.Cli.Rendering;

namespace Liaison.Cli.Demo.Walkthrough;

/// <summary>Both audit trails, read from each node's store: every entry's hash chain verified.</summary>
internal static class AuditWalk
{
    public static async Task RunAsync(TextWriter output, IEnumerable<DemoNode> nodes, CancellationToken cancellationToken)
    {
        output.WriteLine();
        output.WriteLine("Audit: both audit trails record every envelope of the walk-through, and their hash chains verify (read from each store).");
        foreach (var node in nodes)
        {
            var report = await node.Store.VerifyAuditChainAsync(cancellationToken);
            output.WriteField(node.NodeId + " chain", report.IsIntact
                ? $"verified, all {report.EntriesChecked} entries intact"
                : $"BROKEN at entry {report.FirstBadSeq}: {report.Problem}");
            if (!report.IsIntact)
            {
                throw new CliException($"The audit chain of {node.NodeId} does not verify: {report.Problem}");
            }
        }
    }
}
