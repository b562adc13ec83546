using System.CommandLine;
using Google.Protobuf;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;
using Liaison.Envelope.V1;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Commands;

/// <summary><c>liaison message submit</c>: hands a payload file to a gateway, which seals and sends it.</summary>
internal sealed class MessageSubmitCommand : Command
{
    private readonly CliContext context;
    private readonly GatewayConnection gateway = new();
    private readonly Option<string> recipient = CliOptions.NodeId("--to", "The recipient node, e.g. cn-yunnan.");
    private readonly Option<string> messageType = CliOptions.Required("--type", "The message type, e.g. verification.request.", "message-type");
    private readonly Option<string> payload = CliOptions.Required("--payload-file", "The file whose bytes are the payload.", "path");
    private readonly Option<string> caseReference = new("--case-ref") { Description = "An opaque case reference such as LC-2026-0042; it travels in clear text, so never a name.", HelpName = "reference" };
    private readonly Option<string> requestId = new("--request-id") { Description = "The idempotency key: a retry with the same id returns the first result (default: a new UUID).", HelpName = "id" };
    private readonly Option<bool> urgent = new("--urgent") { Description = "Send with PRIORITY_URGENT instead of PRIORITY_ROUTINE." };

    public MessageSubmitCommand(CliContext context)
        : base("submit", "Submit a message to a gateway for a partner node; prints the message as committed.")
    {
        this.context = context;
        this.AddOptions([.. gateway.All, recipient, messageType, payload, caseReference, requestId, urgent]);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new SubmitMessageRequest
        {
            RequestId = parse.GetValue(requestId) ?? Guid.NewGuid().ToString(),
            RecipientNode = parse.GetRequiredValue(recipient),
            MessageType = parse.GetRequiredValue(messageType),
            Payload = ByteString.CopyFrom(await File.ReadAllBytesAsync(parse.GetRequiredValue(payload), cancellationToken)),
            CaseReference = parse.GetValue(caseReference) ?? "",
            Priority = parse.GetValue(urgent) ? Priority.Urgent : Priority.Routine,
        };
        var (channel, client) = gateway.Connect(parse);
        using (channel)
        {
            var response = await client.SubmitMessageAsync(request, cancellationToken: cancellationToken);
            context.Out.WriteLine($"Submitted with request id {request.RequestId}:");
            MessageRenderer.Write(context.Out, response.Message);
        }

        return ExitCodes.Success;
    }
}
