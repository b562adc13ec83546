using System.CommandLine;
using System.Text.RegularExpressions;
using Liaison.Cli.Rendering;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Commands;

/// <summary><c>liaison report</c>: the periodic report of a quarter, half-year or year, as CSV or printable HTML.</summary>
internal sealed partial class ReportCommand : Command
{
    private readonly CliContext context;
    private readonly WorkflowGateway gateway;

    private readonly Option<string> period = new("--period")
    {
        Description = "The period: a quarter (2026-Q4), a half-year (2026-H1) or a year (2026).",
        HelpName = "period",
        Required = true,
        Validators =
        {
            result =>
            {
                var value = result.GetValueOrDefault<string>();
                if (value is not null && !PeriodPattern().IsMatch(value))
                {
                    result.AddError($"'{value}' is not a period: use a quarter such as 2026-Q4, a half-year such as 2026-H1, or a year such as 2026.");
                }
            },
        },
    };

    private readonly Option<ReportFormat> format = new("--format")
    {
        Description = "csv (one metric per row) or html (a printable bilingual document).",
        HelpName = "csv|html",
        DefaultValueFactory = _ => ReportFormat.Csv,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            switch (text)
            {
                case "csv":
                    return ReportFormat.Csv;
                case "html":
                    return ReportFormat.Html;
                default:
                    result.AddError($"'{text}' is not a report format: use csv or html.");
                    return ReportFormat.Unspecified;
            }
        },
    };

    private readonly Option<string> output = new("--out") { Description = "Write the report to this file (default: standard output).", HelpName = "path" };

    public ReportCommand(CliContext context, LanguageOption language)
        : base("report", "Write the periodic report of a quarter, half-year or year, computed by the gateway.")
    {
        this.context = context;
        gateway = new WorkflowGateway(language);
        this.AddOptions([.. gateway.All, period, format, output]);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var (channel, client) = gateway.Connect(parse);
        using (channel)
        {
            var request = new GetPeriodicReportRequest { Period = parse.GetRequiredValue(period), Format = parse.GetValue(format) };
            var response = await client.GetPeriodicReportAsync(request, gateway.Language.Headers(parse), cancellationToken: cancellationToken);
            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllBytesAsync(path, response.Content.ToByteArray(), cancellationToken);
                context.Out.WriteField("Period", Display.Untrusted(response.Period));
                context.Out.WriteField("Format", Display.Untrusted(response.MediaType));
                context.Out.WriteField("Due before", Display.Untrusted(response.DueBefore));
                context.Out.WriteField("Written to", path);
            }
            else
            {
                await context.Out.WriteAsync(response.Content.ToStringUtf8());
                await context.Out.FlushAsync(cancellationToken);
            }
        }

        return ExitCodes.Success;
    }

    [GeneratedRegex(@"^[0-9]{4}(-Q[1-4]|-H[12])?$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
