using System.Runtime.InteropServices;
using Liaison.Gateway.Messaging.Contracts;
using Liaison.Gateway.Storage;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Messaging;

/// <summary>
/// Publishes claimed outbox items to this side's broker: every send is started before
/// any is awaited, so a batch costs about one broker round trip, not one per item, and
/// small items go in frames (<see cref="OutboxFrames"/>), so a batch is a few broker messages.
/// Each send is persistent, mandatory (RabbitMQ) and completes only on the broker's
/// publisher confirm. Thread-safe.
/// </summary>
public sealed class OutboxPublisher(IBus bus, IOptions<MessagingOptions> options)
{
    private readonly bool inMemory = options.Value.BrokerUri is null;
    private readonly TimeSpan timeout = options.Value.PublishTimeout;
    private readonly IMessageSerializer? serializer = options.Value.TransferEncoding == TransferEncoding.Binary ? BinaryTransferSerializer.Instance : null;

    /// <summary>
    /// Sends every item concurrently, small items of the same kind and partner together in frames
    /// (<see cref="OutboxFrames"/>), and reports, per item, whether the broker confirmed it: the
    /// items of a frame are confirmed or failed together.
    /// </summary>
    public async Task<IReadOnlyList<PublishOutcome>> PublishAllAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var sends = OutboxFrames.Pack(items).Select(frame => PublishAsync(frame, cancellationToken)).ToArray();
        return (await Task.WhenAll(sends)).SelectMany(outcomes => outcomes).ToList();
    }

    private async Task<IEnumerable<PublishOutcome>> PublishAsync(OutboxFrame frame, CancellationToken cancellationToken)
    {
        // A broker that stops with publishes in flight may never confirm them, even once the
        // connection is back (seen with rabbitmqctl stop_app; RabbitMQ .NET client issue #1930):
        // bounded, so that the dispatcher is never stuck on one batch.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        var first = frame.Items[0];
        try
        {
            var endpoint = await bus.GetSendEndpoint(GatewayQueues.OutboundAddress(frame.Destination, inMemory)).WaitAsync(timeout, cancellationToken);
            var single = frame.Items.Count == 1;
            var send = (frame.Kind, single) switch
            {
                (OutboxKind.Envelope, true) => endpoint.Send(new EnvelopeTransferred(AsArray(first.Bytes)), context => Prepare(context, first.EnvelopeId), bounded.Token),
                (OutboxKind.Receipt, true) => endpoint.Send(new ReceiptTransferred(AsArray(first.Bytes)), context => Prepare(context, first.EnvelopeId), bounded.Token),
                (OutboxKind.Envelope, false) => endpoint.Send(new EnvelopesTransferred(Arrays(frame)), context => Prepare(context, first.EnvelopeId), bounded.Token),
                (OutboxKind.Receipt, false) => endpoint.Send(new ReceiptsTransferred(Arrays(frame)), context => Prepare(context, first.EnvelopeId), bounded.Token),
                _ => throw new InvalidOperationException($"Outbox item {first.Id} has an unknown kind {frame.Kind}."),
            };

            // Also bounded if the transport ignores the token: the rows are published again later.
            await send.WaitAsync(timeout, cancellationToken);
            return frame.Items.Select(item => new PublishOutcome(item, null));
        }
        catch (OperationCanceledException e) when (bounded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var failure = new TimeoutException($"The broker did not confirm the publish within {timeout}.", e);
            return frame.Items.Select(item => new PublishOutcome(item, failure));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not swallowed: the dispatcher records it on the outbox rows (ScheduleRetryAsync) and logs it.
            return frame.Items.Select(item => new PublishOutcome(item, e));
        }
    }

    private void Prepare(SendContext context, Guid envelopeId)
    {
        PersistentSend.Prepare(context, envelopeId);
        if (serializer is not null)
        {
            context.Serializer = serializer;
        }
    }

    private static byte[][] Arrays(OutboxFrame frame) => frame.Items.Select(item => AsArray(item.Bytes)).ToArray();

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
