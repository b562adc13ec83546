using System.Collections.Concurrent;
using Google.Protobuf;
using Liaison.Crypto.V1;
using Liaison.Gateway.Messaging;
using Liaison.Gateway.Messaging.Contracts;
using Liaison.Testing;
using Liaison.Transport.V1;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using static Liaison.Gateway.Tests.Messaging.ExchangeScenario;

namespace Liaison.Gateway.Tests.Messaging;

/// <summary>
/// The binary transfer encoding (<see cref="BinaryTransferSerializer"/>) over the real linked
/// brokers, and its refusals. That JSON sent by hand is still read is shown by the frame and
/// replay tests, which send that way.
/// </summary>
[Collection(LinkedBrokerTests.Name)]
public sealed class TransferEncodingTests
{
    [Fact]
    public async Task ByDefaultEnvelopesAndReceiptsTravelAsBinaryTransferFramesAndTheMessageIsDelivered()
    {
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1);
        var (seen, envelopeId) = await ExchangeOneAsync(gateways, "binary-transfer");

        var binary = BinaryTransferSerializer.BinaryContentType.MediaType;
        Assert.Contains((TestParties.Yunnan, binary, (Guid?)envelopeId), seen);
        Assert.Contains((TestParties.LaoCai, binary, (Guid?)envelopeId), seen);
        Assert.All(seen, s => Assert.Equal(binary, s.ContentType));
    }

    [Fact]
    public async Task AGatewaySetToJsonSendsJsonWhichItsPartnerReadsAndStillReadsTheBinaryReceipts()
    {
        // Lao Cai upgraded first and kept on JSON for a partner that reads nothing else; Yunnan sends binary.
        await using var gateways = await LinkedGateways.StartAsync(
            Suite.InternationalV1, configureLaoCai: s => s.Configure<MessagingOptions>(o => o.TransferEncoding = TransferEncoding.Json));
        var (seen, envelopeId) = await ExchangeOneAsync(gateways, "json-transfer");

        Assert.Contains((TestParties.Yunnan, "application/vnd.masstransit+json", (Guid?)envelopeId), seen);
        Assert.Contains((TestParties.LaoCai, BinaryTransferSerializer.BinaryContentType.MediaType, (Guid?)envelopeId), seen);
    }

    /// <summary>Submits one message on Lao Cai and waits until it is delivered; what each bus took in on the way.</summary>
    private static async Task<(IReadOnlyCollection<(string Node, string? ContentType, Guid? CorrelationId)> Seen, Guid EnvelopeId)> ExchangeOneAsync(LinkedGateways gateways, string requestId)
    {
        var seen = new ConcurrentQueue<(string Node, string? ContentType, Guid? CorrelationId)>();
        var observers = new[]
        {
            gateways.LaoCai.Bus.ConnectReceiveObserver(new ContentTypeObserver(TestParties.LaoCai, seen)),
            gateways.Yunnan.Bus.ConnectReceiveObserver(new ContentTypeObserver(TestParties.Yunnan, seen)),
        };
        try
        {
            var submitted = await gateways.LaoCai.Submitter.SubmitAsync(Request(requestId));
            await UntilDeliveredAsync(gateways.LaoCai, [submitted.Message.EnvelopeId], Delivery);
            return (seen.ToList(), submitted.Message.EnvelopeId);
        }
        finally
        {
            foreach (var observer in observers)
            {
                observer.Disconnect();
            }
        }
    }

    [Theory]
    [InlineData("not a frame", "is not a liaison.transport.v1.TransferFrame")]
    [InlineData("unknown kind", "The transfer kind 9 is not one this gateway knows.")]
    [InlineData("no kind", "The transfer kind Unspecified is not one this gateway knows.")]
    [InlineData("two in a single", "A transfer of kind Envelope carries exactly one item, not 2.")]
    [InlineData("empty frame", "A transfer of kind Receipts carries at least one item.")]
    public async Task ABinaryBodyThatIsNotAWellFormedFrameGoesToTheErrorQueueSayingWhy(string body, string reason)
    {
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1);
        var connection = await gateways.Link.Yunnan.ConnectAsync("liaison-tests: raw publish");
        await using (connection)
        {
            var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            await using (channel)
            {
                var properties = new BasicProperties { ContentType = BinaryTransferSerializer.BinaryContentType.MediaType, Persistent = true, MessageId = Guid.NewGuid().ToString() };
                await channel.BasicPublishAsync(string.Empty, LiaisonTopology.InboundQueue, mandatory: true, properties, Body(body));
            }
        }

        await gateways.YunnanFaultAsync(reason);
    }

    [Theory]
    [InlineData(TransferKind.Envelope, 1, typeof(EnvelopeTransferred))]
    [InlineData(TransferKind.Envelopes, 3, typeof(EnvelopesTransferred))]
    [InlineData(TransferKind.Receipt, 1, typeof(ReceiptTransferred))]
    [InlineData(TransferKind.Receipts, 2, typeof(ReceiptsTransferred))]
    public void EachKindDecodesToItsContractWithTheItemsBytesInOrderAndNoOtherType(TransferKind kind, int count, Type contract)
    {
        var items = Enumerable.Range(1, count).Select(i => Enumerable.Repeat((byte)i, 100 * i).ToArray()).ToArray();
        var frame = new TransferFrame { Kind = kind };
        frame.Items.AddRange(items.Select(ByteString.CopyFrom));

        var context = BinaryTransferSerializer.Instance.Deserialize(new BytesMessageBody(frame.ToByteArray()), EmptyHeaders.Instance);

        Assert.True(context.IsSupportedMessageType(contract));
        Assert.True(context.TryGetMessage(contract, out var message));
        var decoded = message switch
        {
            EnvelopeTransferred m => [m.Envelope],
            EnvelopesTransferred m => m.Envelopes,
            ReceiptTransferred m => [m.Receipt],
            ReceiptsTransferred m => m.Receipts,
            _ => throw new InvalidOperationException("unexpected " + message.GetType()),
        };
        Assert.Equal(items, decoded);
        Assert.False(context.TryGetMessage<EnvelopeTransferred>(out _) && contract != typeof(EnvelopeTransferred));
        Assert.False(context.IsSupportedMessageType<string>());
    }

    [Fact]
    public void AnEncodingOtherThanBinaryOrJsonIsRefusedAtStartUpInASentence()
    {
        var result = new MessagingOptionsValidator().Validate(null, new MessagingOptions { TransferEncoding = (TransferEncoding)7 });

        Assert.Equal(["Messaging:TransferEncoding must be Binary or Json; it is 7."], result.Failures);
        Assert.True(new MessagingOptionsValidator().Validate(null, new MessagingOptions { TransferEncoding = TransferEncoding.Json }).Succeeded);
    }

    private static byte[] Body(string name) => name switch
    {
        "not a frame" => [0x12, 0x05, 0x01], // items: 5 bytes announced, 1 there
        "unknown kind" => new TransferFrame { Kind = (TransferKind)9, Items = { ByteString.CopyFromUtf8("x") } }.ToByteArray(),
        "no kind" => new TransferFrame { Items = { ByteString.CopyFromUtf8("x") } }.ToByteArray(),
        "two in a single" => new TransferFrame { Kind = TransferKind.Envelope, Items = { ByteString.CopyFromUtf8("x"), ByteString.CopyFromUtf8("y") } }.ToByteArray(),
        "empty frame" => new TransferFrame { Kind = TransferKind.Receipts }.ToByteArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>Notes the content type and correlation id of every broker message a gateway's bus takes in.</summary>
    private sealed class ContentTypeObserver(string node, ConcurrentQueue<(string, string?, Guid?)> seen) : IReceiveObserver
    {
        public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

        public Task PostReceive(ReceiveContext context)
        {
            seen.Enqueue((node, context.ContentType?.MediaType, context.TryGetPayload<ConsumeContext>(out var consumed) ? consumed.CorrelationId : null));
            return Task.CompletedTask;
        }

        public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
            where T : class
        {
            seen.Enqueue((node, context.ReceiveContext.ContentType?.MediaType, context.CorrelationId));
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
            where T : class => Task.CompletedTask;

        public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;
    }
}
