using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison audit list</c>: one page of a running gateway's audit log, searched by time, type,
/// actor, case or envelope. A case is given by its reference; the gateway hashes it with its own
/// key and matches the entries' subjects, and neither the entries nor this output hold the reference.
/// </summary>
internal sealed class AuditListCommand : Command
{
    private readonly CliContext context;
    private readonly AuditGateway gateway = new();
    private readonly Option<int> pageSize = CliOptions.Number("--page-size", "At most this many entries.", "count", 100, 1, 1000);
    private readonly Option<string> pageToken = new("--page-token") { Description = "Continue after a previous page, with the same filters: the token it printed.", HelpName = "token" };
    private readonly Option<string[]> types = new("--type") { Description = "Only entries of this event type, e.g. Read, Exported, Sealed; repeat for several.", HelpName = "event-type", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string> actor = new("--actor") { Description = "Only entries of this actor: a subject id such as vn-laocai/officer-0042, \"node\", or a partner node id.", HelpName = "actor" };
    private readonly Option<string> caseReference = new("--case") { Description = "Only entries about this case, by its reference (the gateway hashes it).", HelpName = "case-reference" };
    private readonly Option<string> envelope = new("--envelope") { Description = "Only entries about this envelope id.", HelpName = "uuid" };
    private readonly Option<DateTimeOffset?> from = CliOptions.Time("--from", "Only entries recorded at or after this time.");
    private readonly Option<DateTimeOffset?> to = CliOptions.Time("--to", "Only entries recorded before this time.");
    private readonly Option<bool> newestFirst = new("--newest-first") { Description = "The latest entries first (default: the oldest first)." };

    public AuditListCommand(CliContext context)
        : base("list", "List a running gateway's audit entries, one line each: seq, time, event, actor, subject, envelope, partner, reason and detail.")
    {
        this.context = context;
        this.AddOptions([.. gateway.All, types, actor, caseReference, envelope, from, to, newestFirst, pageSize, pageToken]);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new ListAuditEntriesRequest
        {
            PageSize = parse.GetValue(pageSize),
            PageToken = parse.GetValue(pageToken) ?? "",
            Actor = parse.GetValue(actor) ?? "",
            CaseReference = parse.GetValue(caseReference) ?? "",
            EnvelopeId = parse.GetValue(envelope) ?? "",
            OrderBy = parse.GetValue(newestFirst) ? "seq desc" : "",
            StartTime = parse.GetValue(from) is { } start ? Timestamp.FromDateTimeOffset(start) : null,
            EndTime = parse.GetValue(to) is { } end ? Timestamp.FromDateTimeOffset(end) : null,
        };
        request.EventTypes.AddRange(parse.GetValue(types) ?? []);
        var (channel, client) = gateway.Connect(parse);
        using (channel)
        {
            var response = await client.ListAuditEntriesAsync(request, cancellationToken: cancellationToken);
            var output = context.Out;
            var count = response.AuditEntries.Count;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} audit {(count == 1 ? "entry" : "entries")} in this page:"));
            if (response.CaseSubject.Length > 0)
            {
                output.WriteField("Case subject", response.CaseSubject);
            }

            foreach (var entry in response.AuditEntries)
            {
                output.WriteLine("  " + Line(entry));
            }

            if (response.NextPageToken.Length > 0)
            {
                output.WriteLine($"Next page: --page-token {response.NextPageToken}");
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>One entry on one line; every text field came from the gateway, so it is shown escaped.</summary>
    internal static string Line(AuditLogEntry entry) => string.Join("  ",
        entry.Seq.ToString(CultureInfo.InvariantCulture),
        Display.Time(entry.RecordTime),
        Display.Untrusted(entry.EventType),
        "by " + Display.Untrusted(entry.Actor),
        Display.Untrusted(entry.Subject),
        Display.Untrusted(entry.EnvelopeId),
        Display.Untrusted(entry.PeerNode),
        Display.Untrusted(entry.ReasonCode),
        Display.Untrusted(entry.Detail));
}
