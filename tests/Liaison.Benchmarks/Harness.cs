using System.Diagnostics;
using static System.FormattableString;

namespace Liaison.Benchmarks;

/// <summary>How long to warm up and to measure each benchmark.</summary>
/// <param name="WarmUp">
/// Long enough for tiered JIT to promote the hot methods to tier 1 (it waits for call
/// counts and a quiet period of about 100 ms) and for BouncyCastle to build its lazy
/// precomputation tables, so that neither is billed to the timed batches.
/// </param>
/// <param name="BatchTime">The target length of one timed batch; short operations are repeated to fill it.</param>
/// <param name="Batches">An odd number, so that the median is one real batch.</param>
internal sealed record HarnessSettings(TimeSpan WarmUp, TimeSpan BatchTime, int Batches)
{
    /// <summary>About 1.7 s per benchmark: the whole crypto run stays near two minutes.</summary>
    public static readonly HarnessSettings Full = new(TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(200), 7);

    /// <summary>A smoke run that checks the wiring, not the numbers.</summary>
    public static readonly HarnessSettings Quick = new(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(10), 3);
}

/// <summary>The per-operation times of one benchmark's batches, in microseconds.</summary>
internal sealed record Measurement(double MedianUs, double MinUs, double MaxUs, long OpsPerBatch, int Batches)
{
    /// <summary>(slowest batch - fastest batch) / median: a quick honesty check on noise.</summary>
    public double SpreadPercent => MedianUs > 0 ? (MaxUs - MinUs) / MedianUs * 100 : 0;
}

/// <summary>One operation to time; its <see cref="Result"/> exists once its group has run.</summary>
internal sealed class BenchmarkCase(string name, Func<int> operation)
{
    private Measurement? result;

    public string Name => name;

    public Func<int> Operation => operation;

    public Measurement Result
    {
        get => result ?? throw new InvalidOperationException($"'{name}' has not been run yet.");
        set => result = value;
    }

    /// <summary>Filled in by calibration.</summary>
    public long OpsPerBatch { get; set; }
}

/// <summary>
/// A deliberately small timing loop, run on the calling thread, one operation at a
/// time, because the question is the CPU cost of one seal or open, not throughput.
/// Benchmarks are added to a group and the group is run in three phases: warm up
/// every case, calibrate every case, then time rounds in which each case runs one
/// batch. Interleaving the batches means a burst of load from elsewhere on the machine
/// (or a late JIT promotion) hits one batch of every case rather than every batch of
/// one case; the median of each case's batches then discards it. This matters because
/// the overhead ratio divides one case by the sum of others.
/// </summary>
internal sealed class Harness(HarnessSettings settings, TextWriter progress)
{
    private readonly List<BenchmarkCase> pending = [];

    // Every operation returns an int derived from its output; folding them here keeps
    // the JIT from treating any result as dead and makes the work observable.
    private int sink;

    public HarnessSettings Settings => settings;

    /// <summary>Printed at the end so that the sink is observably used.</summary>
    public int Checksum => sink;

    public BenchmarkCase Add(string name, Func<int> operation)
    {
        var benchmark = new BenchmarkCase(name, operation ?? throw new ArgumentNullException(nameof(operation)));
        pending.Add(benchmark);
        return benchmark;
    }

    /// <summary>Runs every case added since the last call, interleaved.</summary>
    public void RunGroup(string title)
    {
        var cases = pending.ToArray();
        pending.Clear();
        progress.WriteLine(Invariant($"{title}: {cases.Length} benchmarks, warming up and calibrating"));
        foreach (var benchmark in cases)
        {
            WarmUp(benchmark);
            benchmark.OpsPerBatch = Calibrate(benchmark);
        }

        var samples = cases.Select(_ => new double[settings.Batches]).ToArray();
        for (var round = 0; round < settings.Batches; round++)
        {
            progress.WriteLine(Invariant($"  round {round + 1}/{settings.Batches}"));
            for (var i = 0; i < cases.Length; i++)
            {
                samples[i][round] = TimeBatch(cases[i]);
            }
        }

        for (var i = 0; i < cases.Length; i++)
        {
            var sorted = samples[i].Order().ToArray();
            cases[i].Result = new Measurement(sorted[sorted.Length / 2], sorted[0], sorted[^1], cases[i].OpsPerBatch, sorted.Length);
            progress.WriteLine(Invariant($"  {cases[i].Name,-64} {cases[i].Result.MedianUs,12:F1} us/op"));
        }
    }

    private void WarmUp(BenchmarkCase benchmark)
    {
        var operation = benchmark.Operation;
        var warmUp = Stopwatch.StartNew();
        var ops = 0L;
        while (warmUp.Elapsed < settings.WarmUp || ops < 3)
        {
            sink ^= operation();
            ops++;
        }
    }

    /// <summary>How many operations fill one batch, timed after the warm-up because the warm-up's first calls include JIT time.</summary>
    private long Calibrate(BenchmarkCase benchmark)
    {
        var operation = benchmark.Operation;
        for (var ops = 1L; ; ops *= 2)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0L; i < ops; i++)
            {
                sink ^= operation();
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed >= settings.BatchTime / 10)
            {
                return Math.Max(1L, (long)Math.Ceiling(settings.BatchTime.TotalSeconds / (elapsed.TotalSeconds / ops)));
            }
        }
    }

    /// <returns>Microseconds per operation.</returns>
    private double TimeBatch(BenchmarkCase benchmark)
    {
        // Start every batch from a collected heap, so that one case's garbage (1 MiB
        // envelopes live on the large-object heap) is not collected on another case's time.
        // A case's own garbage is still collected on its own time, as in production.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var operation = benchmark.Operation;
        var ops = benchmark.OpsPerBatch;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0L; i < ops; i++)
        {
            sink ^= operation();
        }

        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / ops;
    }
}
