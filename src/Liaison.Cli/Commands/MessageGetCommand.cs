using System.CommandLine;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Commands;

/// <summary><c>liaison message get</c>: where a message stands, sent or received.</summary>
internal sealed class MessageGetCommand : Command
{
    private readonly CliContext context;
    private readonly GatewayConnection gateway = new();
    private readonly Argument<string> message = GatewayConnection.MessageArgument();

    public MessageGetCommand(CliContext context)
        : base("get", "Show a message's status (never its payload).")
    {
        this.context = context;
        Arguments.Add(message);
        this.AddOptions(gateway.All);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var (channel, client) = gateway.Connect(parse);
        using (channel)
        {
            var request = new GetMessageRequest { Name = GatewayConnection.MessageName(parse.GetRequiredValue(message)) };
            var response = await client.GetMessageAsync(request, cancellationToken: cancellationToken);
            MessageRenderer.Write(context.Out, response.Message);
            if (response.Message.ReceiptLog is { } log)
            {
                // The receipt's evidence: an auditor can ask the receiver for the entry's inclusion proof at this size.
                context.Out.WriteField("Receiver log", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Display.Untrusted(log.LogNode)}, entry {log.LeafIndex} (leaf index), checkpoint of size {log.TreeSize}"));
                context.Out.WriteField("Receiver checkpoint", Display.Untrusted(log.Checkpoint));
            }
        }

        return ExitCodes.Success;
    }
}
