using Liaison.Gateway.Messaging.Contracts;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Messaging;

/// <summary>One gateway's in-memory bus, as <see cref="InMemoryBorderLink"/> sees it.</summary>
public sealed record BorderSide(string NodeId, IBus Bus);

/// <summary>
/// The in-process stand-in for the two RabbitMQ shovels, for the embedded demo, which runs
/// two gateways in one process, each with its own in-memory bus: it consumes each side's
/// <c>liaison.outbound.PEER</c> queue and sends the message on to the peer bus's
/// <c>liaison.inbound</c>, unchanged. Like a shovel it forwards bytes and verifies nothing.
/// Unlike one it keeps nothing across a restart: the in-memory transport is not durable.
/// Start it after both buses (it is a hosted service, or call <see cref="StartAsync"/>).
/// </summary>
public sealed class InMemoryBorderLink(BorderSide a, BorderSide b, ILogger<InMemoryBorderLink> logger) : IHostedService
{
    private readonly List<HostReceiveEndpointHandle> handles = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (from, to) in new[] { (a, b), (b, a) })
        {
            var handle = from.Bus.ConnectReceiveEndpoint(GatewayQueues.Outbound(to.NodeId), endpoint =>
            {
                endpoint.ConfigureConsumeTopology = false;
                endpoint.Handler<EnvelopeTransferred>(c => ForwardAsync(to.Bus, c.Message, c.CancellationToken));
                endpoint.Handler<ReceiptTransferred>(c => ForwardAsync(to.Bus, c.Message, c.CancellationToken));
                endpoint.Handler<EnvelopesTransferred>(c => ForwardAsync(to.Bus, c.Message, c.CancellationToken));
                endpoint.Handler<ReceiptsTransferred>(c => ForwardAsync(to.Bus, c.Message, c.CancellationToken));
            });
            handles.Add(handle);
            await handle.Ready.WaitAsync(cancellationToken);
            logger.BorderLinkUp(from.NodeId, to.NodeId);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var handle in handles)
        {
            await handle.StopAsync(cancellationToken);
        }

        handles.Clear();
    }

    private static async Task ForwardAsync<T>(IBus to, T message, CancellationToken cancellationToken)
        where T : class
    {
        var inbound = await to.GetSendEndpoint(new Uri("queue:" + GatewayQueues.Inbound));
        await inbound.Send(message, cancellationToken);
    }
}
