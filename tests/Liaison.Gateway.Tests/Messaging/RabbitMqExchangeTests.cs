using System.Diagnostics;
using Google.Protobuf;
using Liaison.Crypto.V1;
using Liaison.Crypto.Envelopes;
using Liaison.Envelope.V1;
using Liaison.Gateway.Messaging;
using Liaison.Gateway.Messaging.Contracts;
using Liaison.Gateway.Storage;
using Liaison.Testing;
using MassTransit;
using Xunit.Abstractions;
using static Liaison.Gateway.Tests.Messaging.ExchangeScenario;

namespace Liaison.Gateway.Tests.Messaging;

/// <summary>
/// Two gateways end to end over real RabbitMQ: Lao Cai on broker A, Yunnan on broker B,
/// the shovels of deploy/rabbitmq/ between them. Needs scripts/services.sh's brokers.
/// </summary>
[Collection(LinkedBrokerTests.Name)]
public sealed class RabbitMqExchangeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(Suite.InternationalV1)]
    [InlineData(Suite.GmV1)]
    public async Task ASubmittedMessageIsDeliveredWithAVerifiedReceiptAndStoredOnceByThePartner(Suite suite)
    {
        await using var gateways = await LinkedGateways.StartAsync(suite);

        var submitted = await gateways.LaoCai.Submitter.SubmitAsync(Request("req-" + suite));
        var id = submitted.Message.EnvelopeId;
        await UntilDeliveredAsync(gateways.LaoCai, [id], Delivery);

        var sent = await gateways.LaoCai.Store.GetAsync(id);
        Assert.True(gateways.LaoCai.Node.ReceiptVerifier.Verify(sent!.ReceiptBytes!.Value.Span, sent.EnvelopeBytes.Span).IsValid);
        var stored = Assert.Single(await InboxAsync(gateways.Yunnan));
        Assert.Equal((id, MessageState.Stored, TestParties.LaoCai), (stored.EnvelopeId, stored.State, stored.PeerNode));
        Assert.Equal(Payload("req-" + suite), stored.Payload!.Value.ToArray());
        Assert.True((await gateways.LaoCai.Store.VerifyAuditChainAsync()).IsIntact);
        Assert.True((await gateways.Yunnan.Store.VerifyAuditChainAsync()).IsIntact);
    }

    [Fact]
    public async Task TwoHundredConcurrentSubmitsAreAllDeliveredAndEachStoredExactlyOnce()
    {
        const int Count = 200;
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1);
        var clock = Stopwatch.StartNew();

        var results = await Task.WhenAll(Enumerable.Range(0, Count).Select(i => gateways.LaoCai.Submitter.SubmitAsync(Request($"bulk-{i:D3}"))));
        var ids = results.Select(r => r.Message.EnvelopeId).ToList();
        await UntilDeliveredAsync(gateways.LaoCai, ids, Delivery);
        output.WriteLine($"{Count} messages submitted, delivered and receipted in {clock.ElapsedMilliseconds} ms");

        var inbox = await InboxAsync(gateways.Yunnan);
        Assert.Equal(ids.Order(), inbox.Select(m => m.EnvelopeId).Order());
        Assert.All(inbox, m => Assert.Equal(MessageState.Stored, m.State));
        Assert.DoesNotContain(await AuditAsync(gateways.Yunnan), e => e.EventType == AuditEventType.Duplicate);
    }

    [Fact]
    public async Task AReplayedEnvelopeIsNotStoredTwiceAndIsAuditedAsADuplicate()
    {
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1);
        var submitted = await gateways.LaoCai.Submitter.SubmitAsync(Request("replayed"));
        var id = submitted.Message.EnvelopeId;
        await UntilDeliveredAsync(gateways.LaoCai, [id], Delivery);

        // The same sealed bytes again, through Lao Cai's outbound queue and the shovel, as an intruder on the path would.
        await SendRawAsync(gateways.LaoCai, new EnvelopeTransferred(submitted.Message.EnvelopeBytes.ToArray()));

        await Polling.UntilAsync(
            async () => (await AuditAsync(gateways.Yunnan)).Any(e => e.EventType == AuditEventType.Duplicate && e.EnvelopeId == id),
            Delivery,
            "a Duplicate audit entry on Yunnan for the replayed envelope");
        Assert.Single(await InboxAsync(gateways.Yunnan));
        Assert.True((await gateways.Yunnan.Store.VerifyAuditChainAsync()).IsIntact);
    }

    [Fact]
    public async Task ATamperedEnvelopeLandsInTheErrorQueueWithItsReasonAndIsAuditedAsRejected()
    {
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1);
        var sealedEnvelope = gateways.LaoCai.Node.Sealer.Seal(new SealRequest(TestParties.Yunnan, TestParties.MessageType, Payload("tampered"))
        {
            CaseReference = "LC-2026-0043",
            Sequence = 1000,
        });

        await SendRawAsync(gateways.LaoCai, new EnvelopeTransferred(FlipCiphertextBit(sealedEnvelope.Bytes)));

        var fault = await gateways.YunnanFaultAsync("REJECTION_REASON_BAD_SIGNATURE");
        output.WriteLine("MT-Fault-Message: " + fault);
        var refused = await gateways.Yunnan.Store.GetAsync(sealedEnvelope.EnvelopeId);
        Assert.Equal((MessageState.Rejected, RejectionReason.BadSignature), (refused!.State, refused.RejectionReason));
        Assert.Null(refused.Payload);
        Assert.Contains(await AuditAsync(gateways.Yunnan), e =>
            e.EventType == AuditEventType.Rejected && e.EnvelopeId == sealedEnvelope.EnvelopeId && e.ReasonCode == "REJECTION_REASON_BAD_SIGNATURE");
        Assert.Empty(await gateways.Yunnan.Store.ListInboxAsync(new InboxQuery(10) { State = MessageState.Stored }) is { Messages: var m } ? m : []);
    }

    [Fact]
    public async Task TheOutboundQuorumQueueIsReachedThroughItsExchangeBecauseAQueueAddressWouldRedeclareIt()
    {
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1);

        // A declaration without x-queue-type, which is what MassTransit 8.5 makes for a queue: address, is refused ...
        var connection = await gateways.Link.LaoCai.ConnectAsync("liaison-tests: redeclare");
        await using (connection)
        {
            var channel = await connection.CreateChannelAsync();
            await using (channel)
            {
                var refused = await Assert.ThrowsAnyAsync<RabbitMQ.Client.Exceptions.OperationInterruptedException>(() =>
                    channel.QueueDeclareAsync(GatewayQueues.Outbound(TestParties.Yunnan), durable: true, exclusive: false, autoDelete: false));
                Assert.Contains("PRECONDITION_FAILED", refused.Message, StringComparison.Ordinal);
            }
        }

        // ... and MassTransit keeps retrying it, so a send to that address would never complete.
        var queueAddress = await gateways.LaoCai.Bus.GetSendEndpoint(new Uri("queue:" + GatewayQueues.Outbound(TestParties.Yunnan)));
        await Assert.ThrowsAsync<TimeoutException>(() => queueAddress.Send(new EnvelopeTransferred([1, 2, 3])).WaitAsync(TimeSpan.FromSeconds(3)));

        // The gateway's address, the exchange that deploy/rabbitmq/ binds to the queue, is accepted and confirmed.
        await SendRawAsync(gateways.LaoCai, new EnvelopeTransferred([1, 2, 3]));
    }

    /// <summary>Publishes a message onto Lao Cai's outbound queue for Yunnan, as the dispatcher would.</summary>
    private static async Task SendRawAsync(GatewayCore gateway, EnvelopeTransferred message)
    {
        var endpoint = await gateway.Bus.GetSendEndpoint(GatewayQueues.OutboundAddress(TestParties.Yunnan, inMemory: false));
        await endpoint.Send(message, c => PersistentSend.Prepare(c, Guid.Empty));
    }

    /// <summary>One ciphertext bit flipped: the header still reads, the signature fails.</summary>
    private static byte[] FlipCiphertextBit(byte[] envelope)
    {
        var parsed = SealedEnvelope.Parser.ParseFrom(envelope);
        var ciphertext = parsed.Ciphertext.ToByteArray();
        ciphertext[0] ^= 1;
        parsed.Ciphertext = ByteString.CopyFrom(ciphertext);
        return parsed.ToByteArray();
    }
}
