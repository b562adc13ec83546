using Liaison.Crypto.V1;
using Liaison.Gateway.Messaging;
using Liaison.Gateway.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using static Liaison.Gateway.Tests.Messaging.ExchangeScenario;

namespace Liaison.Gateway.Tests.Messaging;

/// <summary>The embedded set-up: two gateways in one process on MassTransit's in-memory transport, joined by <see cref="InMemoryBorderLink"/>. No broker.</summary>
public sealed class InMemoryExchangeTests
{
    [Fact]
    public async Task ASubmittedMessageIsDeliveredWithAVerifiedReceiptWithoutABroker()
    {
        var agreement = ExchangeAgreement.For(Suite.InternationalV1);
        await using var laoCai = await GatewayCore.StartAsync(agreement.Agreement, agreement.LaoCai, broker: null);
        await using var yunnan = await GatewayCore.StartAsync(agreement.Agreement, agreement.Yunnan, broker: null);
        var link = new InMemoryBorderLink(new BorderSide(TestParties.LaoCai, laoCai.Bus), new BorderSide(TestParties.Yunnan, yunnan.Bus), NullLogger<InMemoryBorderLink>.Instance);
        await link.StartAsync(CancellationToken.None);
        using var arrivals = yunnan.Inbox.Subscribe();
        try
        {
            var submitted = await laoCai.Submitter.SubmitAsync(Request("in-memory"));

            await UntilDeliveredAsync(laoCai, [submitted.Message.EnvelopeId], Delivery);
            var stored = Assert.Single(await InboxAsync(yunnan));
            using var deadline = new CancellationTokenSource(Delivery);
            await using var stream = arrivals.ReadAllAsync(deadline.Token).GetAsyncEnumerator(deadline.Token);
            Assert.True(await stream.MoveNextAsync(), "the inbox stream was not told of the arrival");
            Assert.Equal(submitted.Message.EnvelopeId, stream.Current.EnvelopeId);
            Assert.Equal(MessageState.Stored, stored.State);
            Assert.Equal(Payload("in-memory"), stored.Payload!.Value.ToArray());
        }
        finally
        {
            await link.StopAsync(CancellationToken.None);
        }
    }
}
