using System.CommandLine;
using Liaison.Cli.Rendering;
using Liaison.Gateway.V1;
using Liaison.Workflows.Localization;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison handover gates</c>: the border gates the gateway accepts handover plans for, each
/// by its code and its names in the chosen language and the other side's, with the rules a plan
/// and its roll-call are held to.
/// </summary>
internal sealed class HandoverGatesCommand : Command
{
    private readonly CliContext context;
    private readonly WorkflowGateway gateway;

    public HandoverGatesCommand(CliContext context, LanguageOption language)
        : base("gates", "List the border gates the gateway accepts handovers at, with their names in Vietnamese, Chinese and English, the notice and the roll-call tolerance.")
    {
        this.context = context;
        gateway = new WorkflowGateway(language);
        this.AddOptions(gateway.All);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var (channel, client) = gateway.Connect(parse);
        using (channel)
        {
            var response = await client.ListBorderGatesAsync(new ListBorderGatesRequest(), gateway.Language.Headers(parse), cancellationToken: cancellationToken);
            var language = gateway.Language.Of(parse);
            // The other side's language next to the caller's, as on the printed record.
            var other = language == Language.Zh ? Language.Vi : Language.Zh;
            context.Out.WriteField("Border gates", Display.Count(response.BorderGates.Count, "gate"));
            foreach (var gate in response.BorderGates)
            {
                context.Out.WriteLine($"  {Display.Untrusted(gate.Code)}  {Display.Untrusted(GateName(gate, language))} / {Display.Untrusted(GateName(gate, other))}  ({Display.Untrusted(gate.TimeZone)})");
            }

            context.Out.WriteField("Minimum notice", Display.Count(response.MinimumNoticeDays, "day"));
            context.Out.WriteField("Roll-call", $"within the agreed window, give or take {Display.Duration(response.RollCallTolerance)}");
        }

        return ExitCodes.Success;
    }

    private static string GateName(BorderGate gate, Language language) => language switch
    {
        Language.Vi => gate.NameVi,
        Language.Zh => gate.NameZh,
        _ => gate.NameEn,
    };
}
