using Liaison.Testing;

namespace Liaison.Infrastructure.Tests;

public sealed class PollingTests
{
    [Fact]
    public async Task It_returns_as_soon_as_the_condition_holds()
    {
        var checks = 0;
        await Polling.UntilAsync(() => ++checks == 3, TimeSpan.FromSeconds(30), "the third check");
        Assert.Equal(3, checks);
    }

    [Fact]
    public async Task It_returns_the_value_it_accepted()
    {
        var depth = 0;
        var seen = await Polling.UntilAsync(() => Task.FromResult(depth += 10), d => d >= 30, TimeSpan.FromSeconds(30), "depth 30");
        Assert.Equal(30, seen);
    }

    [Fact]
    public async Task At_the_deadline_it_fails_with_the_description_and_the_last_value_seen()
    {
        var e = await Assert.ThrowsAsync<TimeoutException>(() => Polling.UntilAsync(
            () => Task.FromResult(57u), depth => depth == 100, TimeSpan.FromMilliseconds(100), "100 messages in the queue"));

        Assert.Contains("waiting for: 100 messages in the queue", e.Message);
        Assert.Contains("last seen: 57", e.Message);
    }

    [Fact]
    public async Task A_condition_that_never_holds_is_checked_more_than_once_before_failing()
    {
        var checks = 0;
        await Assert.ThrowsAsync<TimeoutException>(() => Polling.UntilAsync(() => ++checks < 0, TimeSpan.FromMilliseconds(200), "never"));
        Assert.True(checks > 1, $"checked {checks} times");
    }
}
