using System.Runtime.InteropServices;
using Liaison.Gateway.Messaging.Contracts;
using Liaison.Gateway.Storage;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Messaging;

/// <summary>
/// Publishes claimed outbox items to this side's broker: every send is started before
/// any is awaited, so a batch costs about one broker round trip, not one per item.
/// Each send is persistent, mandatory (RabbitMQ) and completes only on the broker's
/// publisher confirm. Thread-safe.
/// </summary>
public sealed class OutboxPublisher(IBus bus, IOptions<MessagingOptions> options)
{
    private readonly bool inMemory = options.Value.BrokerUri is null;
    private readonly TimeSpan timeout = options.Value.PublishTimeout;

    /// <summary>Sends every item concurrently and reports, per item, whether the broker confirmed it.</summary>
    public async Task<IReadOnlyList<PublishOutcome>> PublishAllAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var sends = items.Select(item => PublishAsync(item, cancellationToken)).ToArray();
        return await Task.WhenAll(sends);
    }

    private async Task<PublishOutcome> PublishAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        // A broker that stops with publishes in flight may never confirm them (seen with
        // rabbitmqctl stop_app): bounded, so that the dispatcher is never stuck on one batch.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            var endpoint = await bus.GetSendEndpoint(GatewayQueues.OutboundAddress(item.Destination, inMemory)).WaitAsync(timeout, cancellationToken);
            var bytes = AsArray(item.Bytes);
            var send = item.Kind switch
            {
                OutboxKind.Envelope => endpoint.Send(new EnvelopeTransferred(bytes), context => PersistentSend.Prepare(context, item.EnvelopeId), bounded.Token),
                OutboxKind.Receipt => endpoint.Send(new ReceiptTransferred(bytes), context => PersistentSend.Prepare(context, item.EnvelopeId), bounded.Token),
                _ => throw new InvalidOperationException($"Outbox item {item.Id} has an unknown kind {item.Kind}."),
            };

            // Also bounded if the transport ignores the token: the row is published again later.
            await send.WaitAsync(timeout, cancellationToken);
            return new PublishOutcome(item, null);
        }
        catch (OperationCanceledException e) when (bounded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new PublishOutcome(item, new TimeoutException($"The broker did not confirm the publish within {timeout}.", e));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not swallowed: the dispatcher records it on the outbox row (ScheduleRetryAsync) and logs it.
            return new PublishOutcome(item, e);
        }
    }

    /// <summary>The stored array itself when the item holds a whole one (it is never written to): no copy of a 256 KiB chunk.</summary>
    private static byte[] AsArray(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : bytes.ToArray();
}

/// <summary>The result of one send: confirmed when <see cref="Failure"/> is null.</summary>
public sealed record PublishOutcome(OutboxItem Item, Exception? Failure)
{
    public bool Confirmed => Failure is null;

    /// <summary>A short, stable code for the outbox row and the audit trail; never the exception's text.</summary>
    public string ErrorCode => Failure switch
    {
        null => "",
        MessageNotAcknowledgedException => "broker-nack",
        MessageReturnedException or RabbitMQ.Client.Exceptions.PublishReturnException => "unroutable",
        RabbitMqConnectionException or RabbitMQ.Client.Exceptions.BrokerUnreachableException => "broker-unreachable",
        TimeoutException => "publish-timeout",
        _ => "publish-failed",
    };
}
