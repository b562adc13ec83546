using System.Globalization;

namespace Liaison.Workflows.Reports;

/// <summary>A reporting month: from the 15th of the previous month to the 14th, named after the month it ends in.</summary>
public sealed record ReportMonth
{
    /// <summary>The reporting month whose period ends just before <paramref name="endExclusive"/> (a 15th).</summary>
    public ReportMonth(DateOnly endExclusive)
    {
        if (endExclusive.Day != 15)
        {
            throw new ArgumentOutOfRangeException(nameof(endExclusive), endExclusive, "A reporting month ends before a 15th.");
        }

        EndExclusive = endExclusive;
    }

    public DateOnly EndExclusive { get; }

    public DateOnly Start => EndExclusive.AddMonths(-1);

    public int Year => EndExclusive.Year;

    public int Month => EndExclusive.Month;

    /// <summary>True when the date is in this reporting month.</summary>
    public bool Contains(DateOnly date) => date >= Start && date < EndExclusive;

    /// <summary>"2026-01".</summary>
    public override string ToString() => EndExclusive.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
