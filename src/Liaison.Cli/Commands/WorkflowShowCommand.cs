using System.CommandLine;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Commands;

/// <summary><c>liaison workflow show</c>: a workflow's state, deadlines, markings and timeline, never the steps' personal fields.</summary>
internal sealed class WorkflowShowCommand : Command
{
    private readonly CliContext context;
    private readonly WorkflowGateway gateway;
    private readonly Argument<string> workflow = new("workflow") { Description = "The workflow's id, or its name workflows/<workflow-id>." };

    public WorkflowShowCommand(CliContext context, LanguageOption language)
        : base("show", "Show a workflow: state, peer, due times, markings and the timeline of its steps (never their personal fields).")
    {
        this.context = context;
        gateway = new WorkflowGateway(language);
        Arguments.Add(workflow);
        this.AddOptions(gateway.All);
        SetAction(ExecuteAsync);
    }

    /// <summary>"workflows/{id}" for a bare workflow id; a name is kept as it is.</summary>
    public static string WorkflowName(string idOrName)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        return idOrName.StartsWith("workflows/", StringComparison.Ordinal) ? idOrName : "workflows/" + idOrName;
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var (channel, client) = gateway.Connect(parse);
        using (channel)
        {
            var request = new GetWorkflowRequest { Name = WorkflowName(parse.GetRequiredValue(workflow)) };
            var response = await client.GetWorkflowAsync(request, gateway.Language.Headers(parse), cancellationToken: cancellationToken);
            WorkflowRenderer.Write(context.Out, response.Workflow, gateway.Language.Of(parse));
        }

        return ExitCodes.Success;
    }
}
