using System.CommandLine;
using Liaison.Cli.Rendering;
using Liaison.Gateway.V1;
using Liaison.Workflows.Localization;

namespace Liaison.Cli.Commands;

/// <summary><c>liaison case show</c>: every workflow of a case, then the steps of all of them in one timeline.</summary>
internal sealed class CaseShowCommand : Command
{
    private readonly CliContext context;
    private readonly WorkflowGateway gateway;
    private readonly Argument<string> caseReference = new("case-reference") { Description = "This side's or the partner's case reference, e.g. LC-2026-0042." };

    public CaseShowCommand(CliContext context, LanguageOption language)
        : base("show", "Show the workflows of a case and one timeline of all their steps (never their personal fields).")
    {
        this.context = context;
        gateway = new WorkflowGateway(language);
        Arguments.Add(caseReference);
        this.AddOptions(gateway.All);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var language = gateway.Language.Of(parse);
        var (channel, client) = gateway.Connect(parse);
        using (channel)
        {
            var request = new GetCaseTimelineRequest { CaseReference = parse.GetRequiredValue(caseReference) };
            var response = await client.GetCaseTimelineAsync(request, gateway.Language.Headers(parse), cancellationToken: cancellationToken);
            context.Out.WriteField("Case references", response.CaseReferences.Count == 0 ? Display.None : string.Join(", ", response.CaseReferences.Select(Display.Untrusted)));
            context.Out.WriteLine($"{Display.Count(response.Workflows.Count, "workflow")}:");
            foreach (var workflow in response.Workflows)
            {
                var overdue = workflow.Overdue ? "  OVERDUE" + (Labels.TryOf(workflow.OverdueDeadline, language) is { } deadline ? $" ({deadline})" : "") : "";
                context.Out.WriteLine($"  {Display.Untrusted(workflow.WorkflowId)}  {Display.Enum(workflow.Kind)}  {WorkflowRenderer.State(workflow)}  {Display.Untrusted(workflow.PeerNode)}{overdue}");
                foreach (var marking in workflow.Markings)
                {
                    context.Out.WriteLine("    " + Display.Untrusted(marking));
                }
            }

            var steps = response.Workflows
                .SelectMany(w => w.Steps.Select(s => (Workflow: w.WorkflowId, Step: s)))
                .OrderBy(x => x.Step.CreateTime?.Seconds ?? long.MinValue)
                .ThenBy(x => x.Step.CreateTime?.Nanos ?? 0)
                .ToList();
            context.Out.WriteLine($"Timeline ({Display.Count(steps.Count, "step")}):");
            foreach (var (workflow, step) in steps)
            {
                context.Out.WriteLine("  " + WorkflowRenderer.Line(step, language, workflow));
            }
        }

        return ExitCodes.Success;
    }
}
