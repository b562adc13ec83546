using System.CommandLine;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Commands;

/// <summary><c>liaison message list</c>: one page of a gateway's inbox, oldest first.</summary>
internal sealed class MessageListCommand : Command
{
    private readonly CliContext context;
    private readonly GatewayConnection gateway = new();
    private readonly Option<int> pageSize = CliOptions.Number("--page-size", "At most this many messages.", "count", 50, 1, 100);
    private readonly Option<string> pageToken = new("--page-token") { Description = "Continue after a previous page: the token it printed.", HelpName = "token" };
    private readonly Option<bool> includeWitnessing = new("--include-witnessing") { Description = "Also list the gateways' own cross-witnessing messages (audit.checkpoint, audit.cosignature)." };

    public MessageListCommand(CliContext context)
        : base("list", "List received messages in arrival order, one line each: envelope id, state, sender, type, case reference, size.")
    {
        this.context = context;
        this.AddOptions([.. gateway.All, pageSize, pageToken, includeWitnessing]);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var (channel, client) = gateway.Connect(parse);
        using (channel)
        {
            var request = new ListInboxMessagesRequest
            {
                PageSize = parse.GetValue(pageSize),
                PageToken = parse.GetValue(pageToken) ?? "",
                IncludeWitnessing = parse.GetValue(includeWitnessing),
            };
            var response = await client.ListInboxMessagesAsync(request, cancellationToken: cancellationToken);
            context.Out.WriteLine($"{Display.Count(response.Messages.Count, "message")} in the inbox page:");
            foreach (var received in response.Messages)
            {
                context.Out.WriteLine("  " + MessageRenderer.Line(received));
            }

            if (response.NextPageToken.Length > 0)
            {
                context.Out.WriteLine($"Next page: --page-token {response.NextPageToken}");
            }
        }

        return ExitCodes.Success;
    }
}
