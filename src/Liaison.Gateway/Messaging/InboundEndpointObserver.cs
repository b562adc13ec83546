using MassTransit;
using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Messaging;

/// <summary>
/// Tells operators, at Information and Warning, when this gateway stops and starts consuming
/// <see cref="GatewayQueues.Inbound"/>. MassTransit says so only at Debug, among a line per
/// message; without these lines a gateway that does not resume after its broker restarts
/// looks the same in the log as one that has nothing to receive, while the partner's
/// envelopes wait in the queue. Other endpoints (the bus's own reply queue) are not reported.
/// </summary>
public sealed class InboundEndpointObserver(TimeProvider time, ILogger<InboundEndpointObserver> logger) : IReceiveEndpointObserver
{
    private readonly Lock gate = new();
    private DateTimeOffset? interruptedAt;
    private bool consumedBefore;

    public Task Ready(ReceiveEndpointReady ready)
    {
        ArgumentNullException.ThrowIfNull(ready);
        if (!IsInbound(ready))
        {
            return Task.CompletedTask;
        }

        DateTimeOffset? since;
        bool again;
        lock (gate)
        {
            (since, again) = (interruptedAt, consumedBefore);
            (interruptedAt, consumedBefore) = (null, true);
        }

        if (again && since is { } start)
        {
            var downtime = time.GetUtcNow() - start;
            logger.InboundConsumingAgain(GatewayQueues.Inbound, downtime);
        }
        else
        {
            logger.InboundConsuming(GatewayQueues.Inbound);
        }

        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping)
    {
        ArgumentNullException.ThrowIfNull(stopping);
        if (IsInbound(stopping))
        {
            Interrupted();
            logger.InboundStopping(GatewayQueues.Inbound);
        }

        return Task.CompletedTask;
    }

    public Task Completed(ReceiveEndpointCompleted completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        if (IsInbound(completed))
        {
            // Also after a lost connection, not only at shutdown: MassTransit then reconnects and reports Ready again.
            Interrupted();
            logger.InboundNotConsuming(GatewayQueues.Inbound, completed.DeliveryCount);
        }

        return Task.CompletedTask;
    }

    public Task Faulted(ReceiveEndpointFaulted faulted)
    {
        ArgumentNullException.ThrowIfNull(faulted);
        if (IsInbound(faulted))
        {
            Interrupted();

            // The type and the transport's own text (broker, node, AMQP reply): messages are never in it.
            logger.InboundFaulted(GatewayQueues.Inbound, faulted.Exception?.GetType().Name ?? "unknown", faulted.Exception?.Message ?? "");
        }

        return Task.CompletedTask;
    }

    private void Interrupted()
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            interruptedAt ??= now;
        }
    }

    private static bool IsInbound(ReceiveEndpointEvent e) =>
        e.InputAddress.AbsolutePath.TrimEnd('/').EndsWith("/" + GatewayQueues.Inbound, StringComparison.Ordinal);
}
