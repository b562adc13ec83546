using Liaison.Crypto.V1;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Tests.Messaging;
using Liaison.Gateway.Witnessing;
using Liaison.Testing;
using static Liaison.Gateway.Tests.Messaging.ExchangeScenario;

namespace Liaison.Gateway.Tests.Witnessing;

/// <summary>Cross-witnessing over the real brokers and shovels (scripts/services.sh), with the link cut by stopping a shovel.</summary>
[Collection(LinkedBrokerTests.Name)]
public sealed class RabbitWitnessingTests
{
    [Fact]
    public async Task WhileTheShovelIsStoppedMessagesAreStillAcceptedAndTheCosignatureArrivesOnceItRunsAgain()
    {
        // The lock first, from before the purge until both gateways stopped: other test projects use the same queues.
        var exclusive = await BrokerLink.LockAsync(TimeSpan.FromMinutes(3));
        await using (exclusive)
        {
            var link = await RabbitMqServers.LinkAsync();
            await LiaisonTopology.PurgeAsync(link);
            var agreement = ExchangeAgreement.For(Suite.InternationalV1);
            await using var laoCai = await GatewayCore.StartAsync(agreement.Agreement, agreement.LaoCai, link.LaoCai.Uri, Witnessing);
            await using var yunnan = await GatewayCore.StartAsync(agreement.Agreement, agreement.Yunnan, link.Yunnan.Uri, Witnessing);
            var suspension = await link.SuspendShovelAsync(TestParties.LaoCai);
            Guid envelopeId;
            await using (suspension)
            {
                var submitted = await laoCai.Submitter.SubmitAsync(Request("witnessed-over-rabbitmq"));
                envelopeId = submitted.Message.EnvelopeId;
                Assert.False(submitted.IsReplay);
                // Published: broker A confirmed it, and the witnessing signed a checkpoint meanwhile; both wait on broker A.
                await Polling.UntilAsync(
                    async () => (await laoCai.Store.GetAsync(envelopeId)) is { State: MessageState.Published }
                        && (await laoCai.Store.GetLatestAuditCheckpointAsync()) is not null,
                    WitnessingPair.Deadline,
                    "the message published and a checkpoint issued while the shovel is stopped");
                Assert.Empty(await InboxAsync(yunnan));
                Assert.Empty(await laoCai.Store.ListCosignaturesAsync(0, 10));

                await suspension.RestoreAsync();
            }

            await UntilDeliveredAsync(laoCai, [envelopeId], WitnessingPair.Deadline);
            var cosignature = await Polling.UntilAsync(
                async () => await laoCai.Store.ListCosignaturesAsync(0, 10) is [{ } first, ..] ? first : null,
                c => c is not null,
                WitnessingPair.Deadline,
                "Yunnan's cosignature of a Lao Cai checkpoint once the shovel runs again");
            Assert.Equal(TestParties.Yunnan, cosignature!.Witness);
            Assert.NotNull(await laoCai.Store.GetReceiptLogPositionAsync(envelopeId));
            Assert.Empty(await laoCai.Store.ListWitnessAlertsAsync());
        }
    }

    private static void Witnessing(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        services.AddGatewayWitnessing(o =>
        {
            o.Interval = TimeSpan.FromMilliseconds(200);
            o.PollInterval = TimeSpan.FromMilliseconds(50);
            o.ResendAfter = TimeSpan.FromSeconds(5);
        });
}
