using System.CommandLine;
using Grpc.Net.Client;
using Liaison.Cli.Options;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Commands;

/// <summary><c>--gateway</c> and <c>--ca</c> of the <c>audit list</c> and <c>audit proof</c> commands: a client of the gateway's audit service.</summary>
internal sealed class AuditGateway
{
    private readonly GatewayConnection connection = new();

    public Option[] All => connection.All;

    /// <summary>A client of the gateway named on the command line. Dispose the channel after use.</summary>
    public (GrpcChannel Channel, LiaisonAuditService.LiaisonAuditServiceClient Client) Connect(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var (channel, _) = connection.Connect(parse);
        return (channel, new LiaisonAuditService.LiaisonAuditServiceClient(channel));
    }
}
