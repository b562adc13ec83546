namespace Liaison.Workflows.Reports.Internal;

/// <summary>Nearest-rank percentile: the value at 1-based rank ⌈p/100 × n⌉ of the sorted values.</summary>
internal static class NearestRank
{
    public static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, int percent)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        // Integer arithmetic, so 90% of 10 is rank 9 exactly and never 9.000000001 rounded up to 10.
        var rank = ((percent * sorted.Count) + 99) / 100;
        return sorted[Math.Max(rank, 1) - 1];
    }
}
