using System.CommandLine;
using Liaison.Cli.Rendering;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Commands;

/// <summary><c>liaison handover export</c>: a handover's signed record as a printable bilingual XHTML document.</summary>
internal sealed class HandoverExportCommand : Command
{
    private readonly CliContext context;
    private readonly WorkflowGateway gateway;
    private readonly Argument<string> workflow = new("workflow") { Description = "The handover's workflow id, or its name workflows/<workflow-id>." };
    private readonly Option<string> output = new("--out") { Description = "The file to write the document to.", HelpName = "path", Required = true };

    public HandoverExportCommand(CliContext context, LanguageOption language)
        : base("export", "Write a handover's record, with both sides' signatures over its digest, as a printable bilingual XHTML document.")
    {
        this.context = context;
        gateway = new WorkflowGateway(language);
        Arguments.Add(workflow);
        this.AddOptions([.. gateway.All, output]);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var (channel, client) = gateway.Connect(parse);
        using (channel)
        {
            var request = new ExportHandoverRecordRequest { Name = WorkflowShowCommand.WorkflowName(parse.GetRequiredValue(workflow)) };
            var response = await client.ExportHandoverRecordAsync(request, gateway.Language.Headers(parse), cancellationToken: cancellationToken);
            var path = parse.GetRequiredValue(output);
            await File.WriteAllBytesAsync(path, response.Content.ToByteArray(), cancellationToken);
            context.Out.WriteField("Record digest", Display.Untrusted(response.RecordDigest));
            context.Out.WriteField("Completed", response.Completed ? "yes: signed by both sides" : "no: not yet signed by both sides");
            context.Out.WriteField("Written to", path);
        }

        return ExitCodes.Success;
    }
}
