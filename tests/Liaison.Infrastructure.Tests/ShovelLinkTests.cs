using Liaison.Testing;
using RabbitMQ.Client;
using static Liaison.Infrastructure.Tests.AmqpTestMessages;
using static Liaison.Testing.LiaisonTopology;

namespace Liaison.Infrastructure.Tests;

/// <summary>
/// The border link of deploy/rabbitmq/ on real brokers: each side sends to its own broker's
/// liaison.outbound.PEER and a dynamic shovel (ack-mode on-confirm) moves the messages to the
/// partner broker's liaison.inbound. Needs the two brokers of scripts/services.sh (or the
/// LIAISON_TEST_RABBITMQ* variables); fails with a clear message otherwise.
/// </summary>
[Collection(LinkedBrokers.Name)]
public sealed class ShovelLinkTests
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

    [Fact]
    public Task A_message_sent_in_Lao_Cai_is_consumed_in_Yunnan_with_body_and_headers_intact() =>
        RoundTripAsync(LaoCaiNode);

    [Fact]
    public Task A_message_sent_in_Yunnan_is_consumed_in_Lao_Cai_with_body_and_headers_intact() =>
        RoundTripAsync(YunnanNode);

    [Fact]
    public async Task With_the_shovel_stopped_messages_wait_in_the_senders_queue_and_all_arrive_exactly_once_when_it_is_back()
    {
        const int Count = 100;
        await using var exclusive = await BrokerLink.LockAsync(LockTimeout);
        var link = await RabbitMqServers.LinkAsync();
        var outbound = OutboundQueue(YunnanNode);
        var runId = NewRunId();
        var ids = Enumerable.Range(0, Count).Select(i => $"{runId}-{i:D3}").ToList();

        await using var laoCai = await link.LaoCai.ConnectAsync("liaison-tests: Lao Cai gateway");
        await using var yunnan = await link.Yunnan.ConnectAsync("liaison-tests: Yunnan gateway");
        await using var send = await laoCai.CreateChannelAsync(Confirmed);
        await using var receive = await yunnan.CreateChannelAsync();
        await receive.QueuePurgeAsync(InboundQueue);
        var received = new List<ReceivedMessage>();

        var suspension = await link.SuspendShovelAsync(LaoCaiNode);
        try
        {
            await send.QueuePurgeAsync(outbound);
            for (var i = 0; i < Count; i++)
            {
                await PublishAsync(send, outbound, Properties(runId, ids[i], LaoCaiNode, YunnanNode, i), Body(ids[i]));
            }

            // Every publish is confirmed, so all 100 are in Lao Cai's outbound queue now.
            var waiting = await Polling.UntilAsync(
                () => link.MessageCountAsync(LaoCaiNode, outbound),
                depth => depth == Count,
                TimeSpan.FromSeconds(10),
                $"{Count} messages waiting in {outbound} on Lao Cai's broker");
            Assert.Equal((uint)Count, waiting);
            Assert.Equal(0u, await link.MessageCountAsync(YunnanNode, InboundQueue));
            await DrainAsync(receive, InboundQueue, runId, received);
            Assert.Empty(received);
        }
        finally
        {
            await suspension.RestoreAsync();
        }

        await CollectUntilAsync(
            receive, InboundQueue, runId, received,
            mine => mine.Select(m => m.MessageId).Distinct().Count() == Count,
            Delivery,
            $"all {Count} messages in Yunnan's {InboundQueue} after the shovel is back");

        // A marker sent after the batch: once it is through, any duplicate of the batch would be too.
        var marker = $"{runId}-marker";
        await PublishAsync(send, outbound, Properties(runId, marker, LaoCaiNode, YunnanNode, Count), Body(marker));
        await CollectUntilAsync(
            receive, InboundQueue, runId, received,
            mine => mine.Any(m => m.MessageId == marker),
            Delivery,
            "the marker sent after the batch");

        var batch = received.Where(m => m.MessageId != marker).ToList();
        Assert.Equal(ids, batch.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.All(batch, m => Assert.Equal(Body(m.MessageId!), m.Body));
        Assert.Equal(0u, await link.MessageCountAsync(LaoCaiNode, outbound));
    }

    private static async Task RoundTripAsync(string from)
    {
        await using var exclusive = await BrokerLink.LockAsync(LockTimeout);
        var link = await RabbitMqServers.LinkAsync();
        var to = BrokerLink.PeerOf(from);
        var outbound = OutboundQueue(to);
        var runId = NewRunId();
        var id = $"{runId}-0";
        var body = Body(id);
        var sent = Properties(runId, id, from, to, 0);
        var ourHeaders = sent.Headers!.Keys.ToList();

        await using var sender = await link.BrokerOf(from).ConnectAsync($"liaison-tests: {from} gateway");
        await using var receiver = await link.BrokerOf(to).ConnectAsync($"liaison-tests: {to} gateway");
        await using var send = await sender.CreateChannelAsync(Confirmed);
        await using var receive = await receiver.CreateChannelAsync();
        await receive.QueuePurgeAsync(InboundQueue);

        await PublishAsync(send, outbound, sent, body);

        var received = new List<ReceivedMessage>();
        await CollectUntilAsync(
            receive, InboundQueue, runId, received, mine => mine.Count > 0, Delivery,
            $"the message from {from}'s {outbound} in {to}'s {InboundQueue}");

        var message = Assert.Single(received);
        Assert.Equal(body, message.Body);
        var got = message.Properties;
        Assert.Equal(sent.MessageId, got.MessageId);
        Assert.Equal(sent.CorrelationId, got.CorrelationId);
        Assert.Equal(sent.ContentType, got.ContentType);
        Assert.Equal(sent.Type, got.Type);
        Assert.Equal(sent.AppId, got.AppId);
        Assert.Equal(sent.Timestamp, got.Timestamp);
        Assert.Equal(DeliveryModes.Persistent, got.DeliveryMode);
        Assert.NotNull(got.Headers);
        Assert.Equal(runId, message.Header(RunHeader));
        Assert.Equal(from, message.Header("liaison-sender"));
        Assert.Equal(to, message.Header("liaison-recipient"));
        Assert.Equal(0, Assert.IsType<int>(got.Headers["liaison-sequence"]));
        Assert.Equal((byte[])sent.Headers!["liaison-digest"]!, Assert.IsType<byte[]>(got.Headers["liaison-digest"]));
        // Every header sent arrives (checked one by one above); the only ones added on the way
        // are RabbitMQ.Client's x-dotnet-pub-seq-no (publisher confirmation tracking) and the
        // quorum queues' x-delivery-count. The shovel adds none (dest-add-forward-headers: false).
        Assert.Empty(ourHeaders.Except(got.Headers.Keys));
        Assert.Subset(
            new HashSet<string> { "x-dotnet-pub-seq-no", "x-delivery-count" },
            got.Headers.Keys.Except(ourHeaders).ToHashSet());
        if (got.Headers.TryGetValue("x-delivery-count", out var deliveries))
        {
            Assert.Equal(0L, Convert.ToInt64(deliveries, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A 2 KiB body that depends on the message id: SHA-256 blocks of id and counter.</summary>
    private static byte[] Body(string messageId)
    {
        var body = new byte[2048];
        for (var block = 0; block < body.Length / 32; block++)
        {
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{messageId}/{block}"), body.AsSpan(block * 32));
        }

        return body;
    }
}
