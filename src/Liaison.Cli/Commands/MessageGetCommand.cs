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
        }

        return ExitCodes.Success;
    }
}
