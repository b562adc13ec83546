using System.Collections.Concurrent;
using System.Diagnostics;

namespace Liaison.Benchmarks.Exchange;

/// <summary>
/// Bounded concurrency at the sender: at most <c>inFlight</c> calls outstanding, a call being
/// the gateway's submit (until committed) or the floor's send (until the broker's confirm);
/// each accepted call lets the next one start. A message starts when its call starts and
/// finishes when <see cref="Finished"/> hears its id (the gateway's Delivered, the floor's
/// consume). Throughput is counted from the first start to the last finish, so a far side
/// slower than the intake shows as a backlog: lower throughput and longer latency.
/// Timestamps are <see cref="Stopwatch"/> ticks. Thread-safe.
/// </summary>
internal sealed class LoadProbe(int inFlight) : IDisposable
{
    private readonly SemaphoreSlim window = new(inFlight, inFlight);
    private readonly ConcurrentDictionary<Guid, long> startedAt = new();
    private readonly ConcurrentDictionary<Guid, long> finishedAt = new();
    private TaskCompletionSource all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int expected;
    private int finished;

    public int InFlight => inFlight;

    /// <summary>Called by the finishing side (a consumer or an observer) with the message's id.</summary>
    public void Finished(Guid id)
    {
        var now = Stopwatch.GetTimestamp();
        if (!finishedAt.TryAdd(id, now))
        {
            return;
        }

        if (Interlocked.Increment(ref finished) == Volatile.Read(ref expected))
        {
            all.TrySetResult();
        }
    }

    /// <summary>
    /// Starts <paramref name="count"/> messages through <paramref name="send"/> (which returns the
    /// message's id once the sender has accepted it) and waits until every one has finished.
    /// </summary>
    public async Task<PhaseResult> RunAsync(string name, int count, Func<int, Task<Guid>> send, TimeSpan timeout)
    {
        startedAt.Clear();
        finishedAt.Clear();
        all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref finished, 0);
        Volatile.Write(ref expected, count);
        using var deadline = new CancellationTokenSource(timeout);
        var accepted = new List<Task>(count);
        var first = Stopwatch.GetTimestamp();
        try
        {
            for (var i = 0; i < count; i++)
            {
                await window.WaitAsync(deadline.Token);
                accepted.Add(TrackAsync(send(i), Stopwatch.GetTimestamp()));
            }

            await Task.WhenAll(accepted).WaitAsync(deadline.Token);
            await all.Task.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"{name}: only {Volatile.Read(ref finished)} of {count} messages finished within {timeout.TotalSeconds:F0} s.");
        }

        var last = finishedAt.Values.Max();
        var latencies = startedAt.Select(s => Stopwatch.GetElapsedTime(s.Value, finishedAt[s.Key]).TotalMilliseconds).Order().ToArray();
        return new PhaseResult(name, count, inFlight, Stopwatch.GetElapsedTime(first, last), latencies, [.. startedAt.Keys]);
    }

    public void Dispose() => window.Dispose();

    private async Task TrackAsync(Task<Guid> send, long started)
    {
        try
        {
            var id = await send;
            startedAt[id] = started;
        }
        finally
        {
            window.Release();
        }
    }
}

/// <summary>One measured phase: how long from the first start to the last finish, and each message's latency.</summary>
internal sealed record PhaseResult(string Name, int Messages, int InFlight, TimeSpan Elapsed, double[] SortedLatenciesMs, IReadOnlyList<Guid> Ids)
{
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;

    public double P50Ms => Percentile(0.50);

    public double P99Ms => Percentile(0.99);

    /// <summary>Nearest-rank percentile.</summary>
    public double Percentile(double p) =>
        SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs[Math.Clamp((int)Math.Ceiling(p * SortedLatenciesMs.Length) - 1, 0, SortedLatenciesMs.Length - 1)];
}
