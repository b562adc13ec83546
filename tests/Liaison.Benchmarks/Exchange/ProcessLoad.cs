using System.Diagnostics;

namespace Liaison.Benchmarks.Exchange;

/// <summary>
/// What the process has spent so far: CPU, managed allocations, collections and their pauses, and bytes it
/// caused to be written to storage (/proc/self/io, Linux only; 0 elsewhere). Two snapshots
/// subtracted give a phase's cost, which the report divides per message.
/// </summary>
internal sealed record ProcessLoad(TimeSpan Cpu, long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan GcPauses, long StorageWrittenBytes)
{
    public static ProcessLoad Now() => new(
        Process.GetCurrentProcess().TotalProcessorTime,
        GC.GetTotalAllocatedBytes(precise: false),
        GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2),
        GC.GetTotalPauseDuration(),
        StorageWritten());

    public static ProcessLoad operator -(ProcessLoad after, ProcessLoad before) => new(
        after.Cpu - before.Cpu,
        after.AllocatedBytes - before.AllocatedBytes,
        after.Gen0 - before.Gen0,
        after.Gen1 - before.Gen1,
        after.Gen2 - before.Gen2,
        after.GcPauses - before.GcPauses,
        after.StorageWrittenBytes - before.StorageWrittenBytes);

    private static long StorageWritten()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/io"))
            {
                if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan("write_bytes:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
