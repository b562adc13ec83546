using Liaison.Cli.Demo.Walkthrough;
using Liaison.Cli.Rendering;

namespace Liaison.Cli.Demo;

/// <summary>
/// Every workflow between Lao Cai and Yunnan through the two gateways' gRPC APIs, as the
/// officers' tools would take them: criteria agreed, a verification request with a photograph
/// answered, a handover completed, an alert acknowledged, the quarter's report; then both audit
/// trails verified. Prints steps, authors, ids, states and figures only, never personal fields.
/// </summary>
/// <param name="writeReports">Write each node's HTML report next to its data (a kept data directory).</param>
/// <param name="time">The gateways' clock, which the handover walk moves to the handover's day.</param>
internal sealed class DemoWalkthrough(TextWriter output, DemoGateways gateways, DemoClock time, bool writeReports)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var laoCai = new DemoSide("Lao Cai", gateways.LaoCai, gateways.AuthorityPath, gateways.Clients.LaoCai);
        using var yunnan = new DemoSide("Yunnan", gateways.Yunnan, gateways.AuthorityPath, gateways.Clients.Yunnan);
        var walk = new WorkflowWalk(output, laoCai, yunnan, Guid.NewGuid().ToString("N")[..8]);
        output.WriteLine();
        output.WriteLine($"Every step below is one gRPC call by one side's tool to its own gateway ({laoCai.Node.Url} or {yunnan.Node.Url}); "
            + "the gateway seals it and sends it across, and both gateways are asked until the step has travelled.");

        var criteria = await CriteriaWalk.RunAsync(walk, time, cancellationToken);
        var verification = await VerificationWalk.RunAsync(walk, criteria, cancellationToken);
        var handover = await HandoverWalk.RunAsync(walk, verification, time, cancellationToken);
        var alert = await AlertWalk.RunAsync(walk, cancellationToken);
        var figures = await ReportWalk.RunAsync(walk, time, writeReports, cancellationToken);
        await AuditWalk.RunAsync(output, [gateways.LaoCai, gateways.Yunnan], cancellationToken);

        output.WriteLine();
        output.WriteLine("Where every workflow stands, as both gateways fold it:");
        foreach (var (label, id) in new[] { ("Criteria", CriteriaWalk.WorkflowId), ("Verification", verification), ("Handover", handover), ("Alert", alert) })
        {
            var atLaoCai = await WorkflowWalk.FindAsync(laoCai, id, cancellationToken);
            var atYunnan = await WorkflowWalk.FindAsync(yunnan, id, cancellationToken);
            var same = atLaoCai is not null && atLaoCai.State == atYunnan?.State;
            output.WriteField(label, same ? $"{id}  {atLaoCai!.State} on both sides" : $"{id}  {atLaoCai?.State ?? "(missing)"} at {laoCai.NodeId}, {atYunnan?.State ?? "(missing)"} at {yunnan.NodeId}");
        }

        output.WriteField("Report", $"{laoCai.NodeId}: {Figure(figures, laoCai, "requests.sent")} sent; {yunnan.NodeId}: {Figure(figures, yunnan, "requests.received")} received; "
            + $"handovers completed {Figure(figures, laoCai, "handovers.completed")}/{Figure(figures, yunnan, "handovers.completed")}; "
            + $"alerts {Figure(figures, laoCai, "alerts.raised")}/{Figure(figures, yunnan, "alerts.raised")} (Lao Cai/Yunnan)");
    }

    private static string Figure(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> figures, DemoSide side, string metric) =>
        figures.TryGetValue(side.NodeId, out var node) && node.TryGetValue(metric, out var value) ? value : "?";
}
