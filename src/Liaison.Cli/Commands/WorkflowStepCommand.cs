using System.CommandLine;
using Google.Protobuf;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;
using Liaison.Gateway.V1;
using Liaison.Workflow.V1;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison workflow step</c>: takes one step of a workflow from a protobuf JSON file; the gateway
/// seals it and sends it to the partner. The step's personal fields are never printed.
/// </summary>
internal sealed class WorkflowStepCommand : Command
{
    private readonly CliContext context;
    private readonly WorkflowGateway gateway;
    private readonly Option<string> recipient = CliOptions.NodeId("--to", "The partner node, e.g. cn-yunnan.");
    private readonly Option<string> requestId = new("--request-id") { Description = "The idempotency key: a retry with the same id returns the first result (default: a new UUID).", HelpName = "id" };

    // Parsed with the command line, so that a malformed file is a usage error (exit 2) before any call.
    private readonly Option<WorkflowEvent> step = new("--file")
    {
        Description = "The step: a liaison.workflow.v1.WorkflowEvent in protobuf JSON, e.g. deploy/examples/workflow/verification-request.json.",
        HelpName = "step.json",
        Required = true,
        CustomParser = result =>
        {
            var path = result.Tokens.Single().Value;
            try
            {
                return JsonParser.Default.Parse<WorkflowEvent>(File.ReadAllText(path));
            }
            catch (Exception ex) when (ex is InvalidJsonException or InvalidProtocolBufferException or FormatException)
            {
                result.AddError($"'{path}' is not a WorkflowEvent in protobuf JSON ({Clause(ex.Message)}).");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                result.AddError($"'{path}' cannot be read ({Clause(ex.Message)}).");
            }

            return null;
        },
    };

    public WorkflowStepCommand(CliContext context, LanguageOption language)
        : base("step", "Take one step of a workflow from a protobuf JSON file; prints the workflow's state, its kind and the envelope id.")
    {
        this.context = context;
        gateway = new WorkflowGateway(language);
        this.AddOptions([.. gateway.All, recipient, requestId, step]);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new SubmitWorkflowStepRequest
        {
            RequestId = parse.GetValue(requestId) ?? Guid.NewGuid().ToString(),
            RecipientNode = parse.GetRequiredValue(recipient),
            Step = parse.GetRequiredValue(step),
        };
        var (channel, client) = gateway.Connect(parse);
        using (channel)
        {
            var response = await client.SubmitWorkflowStepAsync(request, gateway.Language.Headers(parse), cancellationToken: cancellationToken);
            context.Out.WriteLine($"Submitted {WorkflowRenderer.StepName(request.Step, gateway.Language.Of(parse))} with request id {request.RequestId}:");
            context.Out.WriteField("Workflow", Display.Untrusted(response.Workflow.WorkflowId));
            context.Out.WriteField("Kind", Display.Enum(response.Workflow.Kind));
            context.Out.WriteField("State", WorkflowRenderer.State(response.Workflow));
            context.Out.WriteField("Envelope id", Display.Untrusted(response.Message.EnvelopeId));
            context.Out.WriteField("Message state", Display.Enum(response.Message.State));
        }

        return ExitCodes.Success;
    }

    // A parser's message inside our own sentence: one line, without its final full stop.
    private static string Clause(string message) => message.ReplaceLineEndings(" ").Trim().TrimEnd('.');
}
