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

    public Task Stopping(ReceiveEndpointStopping stopping) =>
        Interrupted(stopping, () => logger.InboundStopping(GatewayQueues.Inbound));

    // Also after a lost connection, not only at shutdown: MassTransit then reconnects and reports Ready again.
    public Task Completed(ReceiveEndpointCompleted completed) =>
        Interrupted(completed, () => logger.InboundNotConsuming(GatewayQueues.Inbound, completed.DeliveryCount));

    // The type and the transport's own text (broker, node, AMQP reply): messages are never in it.
    public Task Faulted(ReceiveEndpointFaulted faulted) =>
        Interrupted(faulted, () => logger.InboundFaulted(GatewayQueues.Inbound, faulted.Exception?.GetType().Name ?? "unknown", faulted.Exception?.Message ?? ""));

    /// <summary>For the inbound queue: notes when consuming stopped (the first of several events counts) and logs.</summary>
    private Task Interrupted(ReceiveEndpointEvent e, Action log)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (IsInbound(e))
        {
            var now = time.GetUtcNow();
            lock (gate)
            {
                interruptedAt ??= now;
            }

            log();
        }

        return Task.CompletedTask;
    }

    private static bool IsInbound(ReceiveEndpointEvent e) =>
        e.InputAddress.AbsolutePath.TrimEnd('/').EndsWith("/" + GatewayQueues.Inbound, StringComparison.Ordinal);
}
