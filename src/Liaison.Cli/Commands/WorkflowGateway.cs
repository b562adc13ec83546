using System.CommandLine;
using Grpc.Net.Client;
using Liaison.Cli.Options;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>--gateway</c>, <c>--ca</c> and the client certificate of the workflow commands, with the global <c>--lang</c>:
/// a client of the gateway's workflow service whose calls carry the chosen language.
/// </summary>
internal sealed class WorkflowGateway(LanguageOption language)
{
    private readonly GatewayConnection connection = new();

    public Option[] All => connection.All;

    public LanguageOption Language { get; } = language;

    /// <summary>A client of the gateway named on the command line. Dispose the channel after use.</summary>
    public (GrpcChannel Channel, LiaisonWorkflowService.LiaisonWorkflowServiceClient Client) Connect(ParseResult parse)
    {
        var channel = connection.OpenChannel(parse);
        return (channel, new LiaisonWorkflowService.LiaisonWorkflowServiceClient(channel));
    }
}
