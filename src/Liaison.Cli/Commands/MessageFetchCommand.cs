using System.CommandLine;
using System.Security.Cryptography;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison message fetch</c>: a received message with its decrypted payload. The payload
/// holds personal data, so it is written only to the file given (mode 0600), never printed.
/// </summary>
internal sealed class MessageFetchCommand : Command
{
    private readonly CliContext context;
    private readonly GatewayConnection gateway = new();
    private readonly Argument<string> message = GatewayConnection.MessageArgument();
    private readonly Option<string> output = new("--out") { Description = "Write the decrypted payload to this file, readable by you only (default: show its size and digest only).", HelpName = "path" };

    public MessageFetchCommand(CliContext context)
        : base("fetch", "Fetch a received message; its payload is written only to --out, never printed.")
    {
        this.context = context;
        Arguments.Add(message);
        this.AddOptions([.. gateway.All, output]);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var (channel, client) = gateway.Connect(parse);
        using (channel)
        {
            var request = new FetchMessageRequest { Name = GatewayConnection.MessageName(parse.GetRequiredValue(message)) };
            var response = await client.FetchMessageAsync(request, cancellationToken: cancellationToken);
            MessageRenderer.Write(context.Out, response.Message);
            context.Out.WriteField("Payload SHA-256", Display.Hex(SHA256.HashData(response.Payload.Span)));
            if (parse.GetValue(output) is { } path)
            {
                var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                await using (var file = new FileStream(path, options))
                {
                    await file.WriteAsync(response.Payload.Memory, cancellationToken);
                }

                context.Out.WriteField("Written to", path);
            }
        }

        return ExitCodes.Success;
    }
}
