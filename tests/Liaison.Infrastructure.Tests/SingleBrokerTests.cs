using Liaison.Testing;
using RabbitMQ.Client;
using static Liaison.Infrastructure.Tests.AmqpTestMessages;

namespace Liaison.Infrastructure.Tests;

/// <summary>
/// One broker on its own, as a gateway's tests will use it: from LIAISON_TEST_RABBITMQ, or a
/// Testcontainers broker where Docker runs, or a failure that says how to provide one.
/// </summary>
public sealed class SingleBrokerTests
{
    // The fault tests (Liaison.Gateway.FaultTests) stop and start brokers while holding the
    // link's lock; taken first, since the broker is resolved (and checked) once per process.
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Broker_A_takes_a_persistent_message_with_a_confirm_and_gives_it_back()
    {
        await using var exclusive = await BrokerLink.LockAsync(LockTimeout);
        var broker = await RabbitMqServers.BrokerAAsync();
        var runId = NewRunId();
        var queue = "liaison.test." + runId;

        await using var connection = await broker.ConnectAsync("liaison-tests: single broker");
        await using var channel = await connection.CreateChannelAsync(Confirmed);
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: true, autoDelete: true);

        var body = "hello from Lao Cai"u8.ToArray();
        await PublishAsync(channel, queue, Properties(runId, runId + "-0", LiaisonTopology.LaoCaiNode, LiaisonTopology.YunnanNode, 0), body);

        var received = new List<ReceivedMessage>();
        await CollectUntilAsync(channel, queue, runId, received, mine => mine.Count > 0, TimeSpan.FromSeconds(10), "the message back");
        var message = Assert.Single(received);
        Assert.Equal(body, message.Body);
        Assert.Equal(DeliveryModes.Persistent, message.Properties.DeliveryMode);
    }

    [Fact]
    public async Task Both_sides_queues_exist_on_both_brokers_as_the_definitions_declare_them()
    {
        await using var exclusive = await BrokerLink.LockAsync(LockTimeout);
        foreach (var (broker, peer) in new[]
        {
            (await RabbitMqServers.BrokerAAsync(), LiaisonTopology.YunnanNode),
            (await RabbitMqServers.BrokerBAsync(), LiaisonTopology.LaoCaiNode),
        })
        {
            await using var connection = await broker.ConnectAsync("liaison-tests: topology check");
            await using var channel = await connection.CreateChannelAsync();

            // Declaring with the same arguments succeeds only if the queue is a durable quorum
            // queue already (or is new); a gateway declares its queues exactly like this.
            await LiaisonTopology.DeclareSideAsync(channel, peer);
            await channel.QueueDeclarePassiveAsync(LiaisonTopology.OutboundQueue(peer));
            await channel.QueueDeclarePassiveAsync(LiaisonTopology.InboundQueue);
        }
    }
}
