using System.Diagnostics;

namespace Liaison.Testing;

/// <summary>
/// Waits for a condition with a deadline, checking it every few milliseconds. Tests
/// synchronise with this, never with fixed sleeps: it returns as soon as the condition
/// holds and fails with the description when the deadline passes.
/// </summary>
public static class Polling
{
    /// <summary>How long to wait between two checks.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    /// <summary>Waits until <paramref name="condition"/> is true.</summary>
    /// <exception cref="TimeoutException">The condition was still false at the deadline.</exception>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), timeout, description, cancellationToken);
    }

    /// <summary>Waits until <paramref name="condition"/> is true.</summary>
    /// <exception cref="TimeoutException">The condition was still false at the deadline.</exception>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        await UntilAsync(condition, static done => done, timeout, description, cancellationToken);
    }

    /// <summary>
    /// Probes a value until <paramref name="accept"/> takes it, and returns it. On timeout the
    /// message carries the last value seen (e.g. "last seen: 57" for a queue depth).
    /// </summary>
    /// <exception cref="TimeoutException">No probed value was accepted before the deadline.</exception>
    public static async Task<T> UntilAsync<T>(
        Func<Task<T>> probe,
        Func<T, bool> accept,
        TimeSpan timeout,
        string description,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(accept);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);

        var clock = Stopwatch.StartNew();
        var checks = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var value = await probe();
            checks++;
            if (accept(value))
            {
                return value;
            }

            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                var last = typeof(T) == typeof(bool) ? string.Empty : $" (last seen: {Show(value)})";
                throw new TimeoutException(
                    $"Timed out after {timeout.TotalSeconds:0.###} s ({checks} checks) waiting for: {description}{last}");
            }

            await Task.Delay(left < Interval ? left : Interval, cancellationToken);
        }
    }

    private static string Show<T>(T value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => value.ToString() ?? string.Empty,
    };
}
