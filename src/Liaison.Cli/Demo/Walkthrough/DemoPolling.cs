using System.Diagnostics;

namespace Liaison.Cli.Demo.Walkthrough;

/// <summary>
/// Waiting for something to travel across the border: asks again on a short timer until the
/// answer is the one expected or the deadline passes, then says what was still missing.
/// </summary>
internal static class DemoPolling
{
    /// <summary>How long one step may take to reach the other side before the demo gives up.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Calls <paramref name="probe"/> until <paramref name="done"/> holds for its result; a null result means "not there yet".</summary>
    public static async Task<T> UntilAsync<T>(Func<CancellationToken, Task<T?>> probe, Func<T, bool> done, string what, CancellationToken cancellationToken)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(Interval);
        T? last = null;
        while (true)
        {
            last = await probe(cancellationToken) ?? last;
            if (last is not null && done(last))
            {
                return last;
            }

            if (clock.Elapsed > Deadline)
            {
                throw new CliException($"Gave up waiting for {what} after {Deadline.TotalSeconds:0} seconds; is the link between the gateways up?");
            }

            await timer.WaitForNextTickAsync(cancellationToken);
        }
    }
}
