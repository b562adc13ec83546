using Liaison.Gateway.Messaging;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Gateway.Tests.Messaging;

public sealed class InboundEndpointObserverTests
{
    private static readonly Uri Inbound = new("rabbitmq://broker.example/liaison/liaison.inbound");
    private static readonly Uri ReplyQueue = new("rabbitmq://broker.example/liaison/vm_gateway_bus_x?temporary=true");

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private readonly ListLogger logger = new();

    [Fact]
    public async Task AFirstStartSaysConsumingAndAResumeSaysHowLongItWasDown()
    {
        var observer = new InboundEndpointObserver(time, logger);
        await observer.Ready(new Event(Inbound));
        await observer.Completed(new Event(Inbound));
        time.Advance(TimeSpan.FromSeconds(3));
        await observer.Faulted(new Event(Inbound) { Exception = new InvalidOperationException("Broker unreachable: liaison@broker.example") });
        time.Advance(TimeSpan.FromSeconds(5));
        await observer.Ready(new Event(Inbound));

        Assert.Equal(
            [
                (LogLevel.Information, 2211, "Consuming liaison.inbound"),
                (LogLevel.Information, 2214, "Not consuming liaison.inbound after 7 deliveries on that connection; MassTransit reconnects unless the gateway is stopping"),
                (LogLevel.Warning, 2215, "Consuming liaison.inbound failed (InvalidOperationException: Broker unreachable: liaison@broker.example); MassTransit retries with backoff, and envelopes wait in the queue meanwhile"),
                (LogLevel.Information, 2212, "Consuming liaison.inbound again after 00:00:08"),
            ],
            logger.Entries);
    }

    [Fact]
    public async Task OtherEndpointsOfTheBusAreNotReported()
    {
        var observer = new InboundEndpointObserver(time, logger);
        await observer.Ready(new Event(ReplyQueue));
        await observer.Stopping(new Event(ReplyQueue));
        await observer.Faulted(new Event(ReplyQueue) { Exception = new InvalidOperationException("down") });

        Assert.Empty(logger.Entries);
    }

    private sealed record Event(Uri InputAddress) : ReceiveEndpointReady, ReceiveEndpointCompleted, ReceiveEndpointFaulted, ReceiveEndpointStopping
    {
        public IReceiveEndpoint ReceiveEndpoint => throw new NotSupportedException("The observer reads only the input address.");

        public bool IsStarted => true;

        public long DeliveryCount => 7;

        public long ConcurrentDeliveryCount => 2;

        public Exception? Exception { get; init; }

        public bool Removed => false;
    }

    private sealed class ListLogger : ILogger<InboundEndpointObserver>
    {
        public List<(LogLevel Level, int EventId, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, eventId.Id, formatter(state, exception)));
    }
}
