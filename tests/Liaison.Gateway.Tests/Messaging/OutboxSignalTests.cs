using Liaison.Gateway.Exchange;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Gateway.Tests.Messaging;

public sealed class OutboxSignalTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task ManyNotificationsWakeTheDispatcherOnceAndTheNextWaitRunsToThePoll()
    {
        using var signal = new OutboxSignal();
        var time = new FakeTimeProvider();
        for (var i = 0; i < 1000; i++)
        {
            signal.Notify();
        }

        Assert.True(await signal.WaitAsync(Poll, time, CancellationToken.None));
        var next = signal.WaitAsync(Poll, time, CancellationToken.None);
        Assert.False(next.IsCompleted);
        time.Advance(Poll);
        Assert.False(await next);
    }

    [Fact]
    public async Task ANotificationDuringAWaitEndsIt()
    {
        using var signal = new OutboxSignal();
        var time = new FakeTimeProvider();
        var waiting = signal.WaitAsync(Poll, time, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        signal.Notify();
        signal.Notify();

        Assert.True(await waiting);
    }

    [Fact]
    public async Task NotificationsFromManyThreadsAtOnceNeitherThrowNorGetLost()
    {
        using var signal = new OutboxSignal();
        var time = new FakeTimeProvider();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                signal.Notify();
            }
        })));

        Assert.True(await signal.WaitAsync(Poll, time, CancellationToken.None));
    }
}
