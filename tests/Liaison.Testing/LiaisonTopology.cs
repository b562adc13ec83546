using RabbitMQ.Client;

namespace Liaison.Testing;

/// <summary>
/// The broker topology of deploy/rabbitmq/: names of nodes, queues and shovels, and the
/// queue arguments, so that tests and the gateway declare exactly what the definitions do
/// (a declaration with other arguments fails with PRECONDITION_FAILED).
/// </summary>
public static class LiaisonTopology
{
    /// <summary>The Lao Cai gateway's node id; its broker is broker A in the tests.</summary>
    public const string LaoCaiNode = "vn-laocai";

    /// <summary>The Yunnan gateway's node id; its broker is broker B in the tests.</summary>
    public const string YunnanNode = "cn-yunnan";

    /// <summary>The queue a gateway consumes: what the partner's shovel delivers.</summary>
    public const string InboundQueue = "liaison.inbound";

    /// <summary>Where a gateway's refused envelopes and receipts go (MassTransit's error queue of <see cref="InboundQueue"/>).</summary>
    public const string ErrorQueue = "liaison.inbound_error";

    /// <summary>The virtual host of deploy/rabbitmq/.</summary>
    public const string VirtualHost = "liaison";

    /// <summary>The local queue a gateway sends to for <paramref name="peerNode"/>.</summary>
    public static string OutboundQueue(string peerNode) => "liaison.outbound." + peerNode;

    /// <summary>The name of the shovel that moves <see cref="OutboundQueue"/> to the peer's inbound queue.</summary>
    public static string ShovelTo(string peerNode) => "liaison-to-" + peerNode;

    /// <summary>Arguments of every liaison queue: durable quorum queues (see deploy/rabbitmq/README.md).</summary>
    public static Dictionary<string, object?> QueueArguments() => new() { ["x-queue-type"] = "quorum" };

    /// <summary>
    /// Declares the queues of one side (its outbound queue for <paramref name="peerNode"/> and its
    /// inbound queue) exactly as the definitions do, with the fanout exchange the gateway sends
    /// through bound to the outbound queue; a no-op where they exist already.
    /// </summary>
    public static async Task DeclareSideAsync(IChannel channel, string peerNode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        foreach (var queue in new[] { OutboundQueue(peerNode), InboundQueue })
        {
            await channel.QueueDeclareAsync(
                queue, durable: true, exclusive: false, autoDelete: false, arguments: QueueArguments(),
                cancellationToken: cancellationToken);
        }

        var outbound = OutboundQueue(peerNode);
        await channel.ExchangeDeclareAsync(outbound, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(outbound, outbound, routingKey: string.Empty, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Empties both sides' liaison queues of <paramref name="link"/>: inbound, outbound to the
    /// partner and the error queue (declared first, as the gateway declares it: a quorum queue).
    /// Hold <see cref="BrokerLink.LockAsync"/> while using the queues.
    /// </summary>
    public static async Task PurgeAsync(BrokerLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        foreach (var (broker, peer) in new[] { (link.LaoCai, YunnanNode), (link.Yunnan, LaoCaiNode) })
        {
            var connection = await broker.ConnectAsync("liaison-tests: purge");
            await using (connection)
            {
                var channel = await connection.CreateChannelAsync();
                await using (channel)
                {
                    await channel.QueueDeclareAsync(ErrorQueue, durable: true, exclusive: false, autoDelete: false, arguments: QueueArguments());
                    foreach (var queue in new[] { InboundQueue, OutboundQueue(peer), ErrorQueue })
                    {
                        await channel.QueuePurgeAsync(queue);
                    }
                }
            }
        }
    }
}
