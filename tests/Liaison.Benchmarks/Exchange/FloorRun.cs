using Liaison.Gateway.Messaging;
using Liaison.Gateway.Messaging.Contracts;
using Liaison.Testing;
using MassTransit;

namespace Liaison.Benchmarks.Exchange;

/// <summary>
/// The floor: MassTransit alone over the gateways' own path. A bus on broker A sends the
/// sealed envelope's bytes, as <see cref="EnvelopeTransferred"/>, to the exchange the gateway
/// sends to (<c>exchange:liaison.outbound.cn-yunnan</c>), persistent, mandatory, each send
/// completing on its publisher confirm; the shovel carries it to broker B, where a plain
/// handler on <c>liaison.inbound</c> (the quorum queue, prefetch as the gateway's) counts it.
/// No crypto, no store, no receipt.
/// </summary>
internal sealed class FloorRun : IAsyncDisposable
{
    private readonly IBusControl sender;
    private readonly IBusControl receiver;
    private readonly ISendEndpoint outbound;

    private FloorRun(IBusControl sender, IBusControl receiver, ISendEndpoint outbound)
    {
        this.sender = sender;
        this.receiver = receiver;
        this.outbound = outbound;
    }

    public static async Task<FloorRun> StartAsync(BrokerLink link, LoadProbe probe)
    {
        var settings = new MessagingOptions();
        var sender = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(link.LaoCai.Uri, host => host.PublisherConfirmation = true));
        var receiver = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(link.Yunnan.Uri, host => host.PublisherConfirmation = true);

            // As the gateway declares them: a classic error queue would refuse the gateway's later declaration.
            cfg.SendTopology.ConfigureErrorSettings = queue => queue.SetQuorumQueue();
            cfg.SendTopology.ConfigureDeadLetterSettings = queue => queue.SetQuorumQueue();
            cfg.ReceiveEndpoint(GatewayQueues.Inbound, endpoint =>
            {
                endpoint.SetQuorumQueue();
                endpoint.PrefetchCount = settings.PrefetchCount;
                endpoint.ConfigureConsumeTopology = false;
                endpoint.PublishFaults = false;
                endpoint.Handler<EnvelopeTransferred>(context =>
                {
                    probe.Finished(context.CorrelationId ?? Guid.Empty);
                    return Task.CompletedTask;
                });
            });
        });
        await sender.StartAsync();
        try
        {
            await receiver.StartAsync();
        }
        catch
        {
            await sender.StopAsync();
            throw;
        }

        var outbound = await sender.GetSendEndpoint(GatewayQueues.OutboundAddress(EnvelopeExchange.RecipientNode, inMemory: false));
        return new FloorRun(sender, receiver, outbound);
    }

    /// <summary>Sends one message; completes on the broker's confirm with the id the handler will report.</summary>
    public async Task<Guid> SendAsync(byte[] envelope)
    {
        var id = NewId.NextGuid();
        await outbound.Send(new EnvelopeTransferred(envelope), context =>
        {
            // What the gateway's PersistentSend does.
            context.Durable = true;
            context.CorrelationId = id;
            if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
            {
                rabbit.Mandatory = true;
            }
        });
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        await receiver.StopAsync();
        await sender.StopAsync();
    }
}
