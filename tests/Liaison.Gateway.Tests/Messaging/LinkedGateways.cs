using System.Text;
using Liaison.Crypto.V1;
using Liaison.Testing;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Liaison.Gateway.Tests.Messaging;

/// <summary>
/// Lao Cai's gateway on broker A and Yunnan's on broker B, linked by the shovels, for one test.
/// Holds <see cref="BrokerLink.LockAsync"/> from before the purge until both gateways stopped,
/// since other test projects use the same queues.
/// </summary>
public sealed class LinkedGateways : IAsyncDisposable
{
    private readonly IAsyncDisposable exclusive;

    private LinkedGateways(BrokerLink link, IAsyncDisposable exclusive, GatewayCore laoCai, GatewayCore yunnan)
    {
        Link = link;
        this.exclusive = exclusive;
        LaoCai = laoCai;
        Yunnan = yunnan;
    }

    public BrokerLink Link { get; }

    public GatewayCore LaoCai { get; }

    public GatewayCore Yunnan { get; }

    /// <param name="time">Both gateways' clock (e.g. one FakeTimeProvider); default the system clock.</param>
    /// <param name="configureLaoCai">Changes to Lao Cai's services alone, e.g. its messaging options.</param>
    public static async Task<LinkedGateways> StartAsync(Suite suite, TimeProvider? time = null, Action<IServiceCollection>? configureLaoCai = null)
    {
        // The lock first: the fault tests restart brokers while holding it.
        var exclusive = await BrokerLink.LockAsync(TimeSpan.FromMinutes(3));
        try
        {
            var link = await RabbitMqServers.LinkAsync();
            await LiaisonTopology.PurgeAsync(link);
            var agreement = ExchangeAgreement.For(suite);
            var laoCai = await GatewayCore.StartAsync(agreement.Agreement, agreement.LaoCai, link.LaoCai.Uri, configureLaoCai, time);
            var yunnan = await GatewayCore.StartAsync(agreement.Agreement, agreement.Yunnan, link.Yunnan.Uri, time: time);
            return new LinkedGateways(link, exclusive, laoCai, yunnan);
        }
        catch
        {
            await exclusive.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits for a message in Yunnan's error queue whose fault message (the MT-Fault-Message
    /// header MassTransit adds) contains <paramref name="text"/>, and returns that header.
    /// </summary>
    public async Task<string> YunnanFaultAsync(string text)
    {
        var connection = await Link.Yunnan.ConnectAsync("liaison-tests: error queue");
        await using (connection)
        {
            var channel = await connection.CreateChannelAsync();
            await using (channel)
            {
                var faults = new List<string>();
                await Polling.UntilAsync(
                    async () =>
                    {
                        while (await channel.BasicGetAsync(LiaisonTopology.ErrorQueue, autoAck: true) is { } message)
                        {
                            faults.Add(message.BasicProperties.Headers?.TryGetValue("MT-Fault-Message", out var value) == true && value is byte[] bytes
                                ? Encoding.UTF8.GetString(bytes)
                                : "");
                        }

                        return faults.Any(f => f.Contains(text, StringComparison.Ordinal));
                    },
                    ExchangeScenario.Delivery,
                    $"a message in {LiaisonTopology.ErrorQueue} on Yunnan's broker with a fault containing '{text}'");
                return faults.First(f => f.Contains(text, StringComparison.Ordinal));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await LaoCai.DisposeAsync();
            await Yunnan.DisposeAsync();
        }
        finally
        {
            await exclusive.DisposeAsync();
        }
    }
}
