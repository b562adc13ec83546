using Liaison.Cli.Rendering;
using Liaison.Gateway.V1;
using Liaison.Workflows.Criteria;
using Liaison.Workflows.Reports;

namespace Liaison.Cli.Demo.Walkthrough;

/// <summary>
/// The periodic report of the current quarter (on the plan's 15th-to-14th cut-off), from each
/// gateway's GetPeriodicReport: counts only, no personal field. Lao Cai's CSV is printed; with a
/// kept data directory both nodes' printable HTML is written next to their data.
/// </summary>
internal static class ReportWalk
{
    /// <summary>The figures the walk-through's summary shows, per node.</summary>
    public static readonly string[] KeyFigures = ["requests.sent", "requests.received", "victims.identified", "handovers.completed", "alerts.raised", "alerts.acknowledged"];

    public static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> RunAsync(WorkflowWalk walk, TimeProvider time, bool writeHtml, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(CriteriaRegistry.DefaultDayStartOffset).DateTime);
        var period = ReportPeriod.Containing(today, ReportPeriodKind.Quarter).ToString();
        walk.Part($"Report: the periodic report for {period}, as each gateway computes it from its own workflows (GetPeriodicReport).");
        var figures = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var side in new[] { walk.LaoCai, walk.Yunnan })
        {
            var csv = await side.Workflows.GetPeriodicReportAsync(new GetPeriodicReportRequest { Period = period, Format = ReportFormat.Csv }, cancellationToken: cancellationToken);
            var text = csv.Content.ToStringUtf8();
            figures[side.NodeId] = Parse(text);
            if (side == walk.LaoCai)
            {
                walk.Output.WriteLine();
                walk.Output.WriteLine($"{side.NodeId}, due before {csv.DueBefore} (CSV):");
                foreach (var line in text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
                {
                    walk.Output.WriteLine("  " + Display.Untrusted(line));
                }
            }

            walk.Output.WriteField(side.NodeId + " figures", string.Join(", ", KeyFigures.Select(f => $"{f} {figures[side.NodeId].GetValueOrDefault(f, "?")}")));
            if (writeHtml)
            {
                var html = await side.Workflows.GetPeriodicReportAsync(new GetPeriodicReportRequest { Period = period, Format = ReportFormat.Html }, cancellationToken: cancellationToken);
                var path = Path.Combine(side.Node.DataDirectory, $"report-{period}.html");
                await File.WriteAllBytesAsync(path, html.Content.ToByteArray(), cancellationToken);
                walk.Output.WriteField(side.NodeId + " HTML", path);
            }
        }

        return figures;
    }

    // Metric names and values hold no commas or quotes: "metric,value" per line.
    private static Dictionary<string, string> Parse(string csv) =>
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(line => line.Split(',', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
}
