using System.Security.Cryptography;
using System.Text;
using Liaison.Testing;
using RabbitMQ.Client;

namespace Liaison.Infrastructure.Tests;

/// <summary>A message as it was taken off a queue.</summary>
internal sealed record ReceivedMessage(string? MessageId, byte[] Body, IReadOnlyBasicProperties Properties)
{
    public string? Header(string name) => Properties.Headers is { } headers && headers.TryGetValue(name, out var value)
        ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => null,
            _ => value.ToString(),
        }
        : null;
}

/// <summary>Publishing with confirms and draining queues, for the link tests.</summary>
internal static class AmqpTestMessages
{
    /// <summary>The header that marks which test run a message belongs to.</summary>
    public const string RunHeader = "liaison-test-run";

    public static readonly CreateChannelOptions Confirmed = new(
        publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

    /// <summary>A unique id for one test's messages.</summary>
    public static string NewRunId() => "run-" + Guid.NewGuid().ToString("N");

    /// <summary>Properties as a gateway would set them on an envelope, persistent.</summary>
    public static BasicProperties Properties(string runId, string messageId, string sender, string recipient, int sequence) => new()
    {
        MessageId = messageId,
        CorrelationId = runId,
        ContentType = "application/x-protobuf",
        Type = "liaison.envelope.v1",
        AppId = "liaison-tests",
        Persistent = true,
        Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
        Headers = new Dictionary<string, object?>
        {
            [RunHeader] = runId,
            ["liaison-sender"] = sender,
            ["liaison-recipient"] = recipient,
            ["liaison-sequence"] = sequence,
            ["liaison-digest"] = SHA256.HashData(Encoding.UTF8.GetBytes(messageId)),
        },
    };

    /// <summary>Publishes to a queue through the default exchange and waits for the broker's confirm.</summary>
    public static async Task PublishAsync(IChannel channel, string queue, BasicProperties properties, byte[] body) =>
        await channel.BasicPublishAsync(exchange: string.Empty, routingKey: queue, mandatory: true, basicProperties: properties, body: body);

    /// <summary>
    /// Takes every message that is in <paramref name="queue"/> now, acknowledging each: those of
    /// <paramref name="runId"/> go into <paramref name="mine"/>, others (left over from earlier runs) are dropped.
    /// </summary>
    public static async Task<int> DrainAsync(IChannel channel, string queue, string runId, List<ReceivedMessage> mine)
    {
        var taken = 0;
        while (await channel.BasicGetAsync(queue, autoAck: false) is { } result)
        {
            taken++;
            var message = new ReceivedMessage(result.BasicProperties.MessageId, result.Body.ToArray(), result.BasicProperties);
            await channel.BasicAckAsync(result.DeliveryTag, multiple: false);
            if (message.Header(RunHeader) == runId)
            {
                mine.Add(message);
            }
        }

        return taken;
    }

    /// <summary>Drains <paramref name="queue"/> into <paramref name="mine"/> until <paramref name="done"/> holds.</summary>
    public static Task CollectUntilAsync(
        IChannel channel,
        string queue,
        string runId,
        List<ReceivedMessage> mine,
        Func<List<ReceivedMessage>, bool> done,
        TimeSpan timeout,
        string description) =>
        Polling.UntilAsync(
            async () =>
            {
                await DrainAsync(channel, queue, runId, mine);
                return done(mine);
            },
            timeout,
            $"{description} (have {mine.Count} of this test's messages so far)");
}
