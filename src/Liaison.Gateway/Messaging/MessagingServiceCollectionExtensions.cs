using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Messaging;

/// <summary>Registers the exchange between gateways over MassTransit.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the bus (RabbitMQ, or in-memory when <see cref="MessagingOptions.BrokerUri"/> is null)
    /// with the consumers on <c>liaison.inbound</c>, the <see cref="OutboxDispatcher"/>, the <see cref="ExpirySweeper"/>, the
    /// <see cref="OutboxSignal"/> and the <see cref="MessageSubmitter"/>. The options are
    /// validated at start-up, and start-up waits for the broker: a gateway that cannot reach
    /// it fails to start. Call after <c>AddGatewayStore</c>, so that the store opens before
    /// the bus delivers and closes after it stops; register the <see cref="GatewayNode"/> too.
    /// </summary>
    public static IServiceCollection AddGatewayMessaging(this IServiceCollection services, MessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddOptions<MessagingOptions>().Configure(o => CopyTo(options, o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<MessageSubmitter>();
        services.TryAddSingleton<InboxNotifier>();
        services.TryAddSingleton<IInboxNotifications>(sp => sp.GetRequiredService<InboxNotifier>());
        services.TryAddSingleton<OutboxPublisher>();
        services.TryAddSingleton<EnvelopeIntake>();
        services.TryAddSingleton<ReceiptIntake>();
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = options.StartTimeout;
        });
        services.AddReceiveEndpointObserver<InboundEndpointObserver>();
        services.AddMassTransit(bus =>
        {
            // MassTransit 8.4+ reports its configuration and host to masstransit.io after start unless
            // told not to: a gateway on a law-enforcement network must not call out to anyone (and, in a
            // closed network, each attempt logged a warning).
            bus.DisableUsageTelemetry();
            bus.AddConsumer<EnvelopeTransferredConsumer>();
            bus.AddConsumer<ReceiptTransferredConsumer>();
            bus.AddConsumer<EnvelopesTransferredConsumer>();
            bus.AddConsumer<ReceiptsTransferredConsumer>();
            if (options.BrokerUri is { } broker)
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(broker, host =>
                    {
                        host.PublisherConfirmation = true;
                        host.Heartbeat(options.Heartbeat);
                    });

                    // Read whichever encoding the partner sends (TransferEncoding); what is sent is chosen per send (OutboxPublisher).
                    cfg.AddDeserializer(BinaryTransferSerializer.Instance);

                    // The error and skipped queues are created on first use; make them quorum queues
                    // like the rest of deploy/rabbitmq/, so a refused envelope is kept as safely.
                    cfg.SendTopology.ConfigureErrorSettings = queue => queue.SetQuorumQueue();
                    cfg.SendTopology.ConfigureDeadLetterSettings = queue => queue.SetQuorumQueue();
                    cfg.ReceiveEndpoint(GatewayQueues.Inbound, endpoint =>
                    {
                        // Declared by deploy/rabbitmq/ as a quorum queue: the same arguments, or PRECONDITION_FAILED.
                        endpoint.SetQuorumQueue();
                        endpoint.PrefetchCount = options.PrefetchCount;
                        ConfigureInbound(endpoint, context, options);
                    });
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.AddDeserializer(BinaryTransferSerializer.Instance);
                    cfg.ReceiveEndpoint(GatewayQueues.Inbound, endpoint =>
                    {
                        endpoint.PrefetchCount = options.PrefetchCount;
                        ConfigureInbound(endpoint, context, options);
                    });
                });
            }
        });
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<ExpirySweeper>();
        return services;
    }

    private static void ConfigureInbound(IReceiveEndpointConfigurator endpoint, IBusRegistrationContext context, MessagingOptions options)
    {
        // Around deserialisation, retries and consume: bounds the bytes in process, not just the count.
        var gate = new InboundByteGate(options.InboundMaxBytesInProcess);
        endpoint.ConfigureReceive(receive => receive.UseFilter(new InboundByteGateFilter(gate)));

        // Messages arrive addressed to this queue, never published by type: no type exchanges.
        endpoint.ConfigureConsumeTopology = false;

        // Nobody subscribes to Fault<T>; the error queue is the record of a failure.
        endpoint.PublishFaults = false;
        endpoint.UseMessageRetry(retry =>
        {
            retry.Exponential(options.RetryLimit, options.RetryMinInterval, options.RetryMaxInterval, options.RetryMinInterval);

            // Verdicts, not faults: retrying cannot change them.
            retry.Ignore<EnvelopeRejectedException>();
            retry.Ignore<ReceiptRejectedException>();
            retry.Ignore<IllegalStateTransitionException>();
            retry.Ignore<MessageNotFoundException>();
        });
        endpoint.ConfigureConsumer<EnvelopeTransferredConsumer>(context);
        endpoint.ConfigureConsumer<ReceiptTransferredConsumer>(context);
        endpoint.ConfigureConsumer<EnvelopesTransferredConsumer>(context);
        endpoint.ConfigureConsumer<ReceiptsTransferredConsumer>(context);
    }

    private static void CopyTo(MessagingOptions from, MessagingOptions to)
    {
        to.BrokerUri = from.BrokerUri;
        to.TransferEncoding = from.TransferEncoding;
        to.PrefetchCount = from.PrefetchCount;
        to.InboundMaxBytesInProcess = from.InboundMaxBytesInProcess;
        to.RetryLimit = from.RetryLimit;
        to.RetryMinInterval = from.RetryMinInterval;
        to.RetryMaxInterval = from.RetryMaxInterval;
        to.OutboxBatchSize = from.OutboxBatchSize;
        to.OutboxBatchMaxBytes = from.OutboxBatchMaxBytes;
        to.OutboxBatchesInFlight = from.OutboxBatchesInFlight;
        to.OutboxPollInterval = from.OutboxPollInterval;
        to.PublishRetryBaseDelay = from.PublishRetryBaseDelay;
        to.PublishRetryMaxDelay = from.PublishRetryMaxDelay;
        to.PublishTimeout = from.PublishTimeout;
        to.Heartbeat = from.Heartbeat;
        to.StartTimeout = from.StartTimeout;
        to.ExpiryGrace = from.ExpiryGrace;
        to.ExpirySweepInterval = from.ExpirySweepInterval;
    }
}
