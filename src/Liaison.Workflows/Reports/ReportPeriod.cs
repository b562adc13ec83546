using System.Globalization;

namespace Liaison.Workflows.Reports;

/// <summary>
/// A reporting period and the date its report is due before.
/// <para>
/// The plan's due dates (before 15 March, 15 June, 15 September and 15 December) fall inside the calendar quarters,
/// so a period cannot be a calendar quarter. Vietnamese administrative reporting cuts figures off on the 14th
/// (Decree 09/2019/ND-CP, Art. 12): a reporting month runs from the 15th of the previous month to the 14th, and the
/// reporting year from 15 December of the previous year to 14 December. Hence:
/// </para>
/// <list type="bullet">
/// <item>Q1 = 15 Dec (previous year) to 14 Mar, due before 15 March (the plan's quarterly report);</item>
/// <item>Q2 = 15 Mar to 14 Jun, due before 15 June (in practice inside the half-yearly report);</item>
/// <item>Q3 = 15 Jun to 14 Sep, due before 15 September (the plan's quarterly report);</item>
/// <item>Q4 = 15 Sep to 14 Dec, due before 15 December (in practice inside the yearly report);</item>
/// <item>H1 = 15 Dec (previous year) to 14 Jun, due before 15 June; H2 = 15 Jun to 14 Dec, due before 15 December;</item>
/// <item>Year = 15 Dec (previous year) to 14 Dec, due before 15 December.</item>
/// </list>
/// <para>So <see cref="DueBefore"/> equals <see cref="EndExclusive"/>: the figures close on the 14th and the report leaves by then.</para>
/// </summary>
public sealed record ReportPeriod
{
    private const int CutOffDay = 15;

    public ReportPeriod(ReportPeriodKind kind, int year, int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1901);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        var count = kind switch
        {
            ReportPeriodKind.Quarter => 4,
            ReportPeriodKind.HalfYear => 2,
            ReportPeriodKind.Year => 1,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown period kind."),
        };
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, count);
        Kind = kind;
        Year = year;
        Number = number;
    }

    public ReportPeriodKind Kind { get; }

    /// <summary>The reporting year (the year of the period's last day).</summary>
    public int Year { get; }

    /// <summary>The quarter (1-4) or half (1-2); 1 for a year.</summary>
    public int Number { get; }

    /// <summary>Number of reporting months in the period.</summary>
    public int Months => Kind switch { ReportPeriodKind.Quarter => 3, ReportPeriodKind.HalfYear => 6, _ => 12 };

    /// <summary>The first day of the period: the 15th of the month before the period's first reporting month.</summary>
    public DateOnly Start => EndExclusive.AddMonths(-Months);

    /// <summary>The day after the period's last day (the 15th of its last month).</summary>
    public DateOnly EndExclusive => new(Year, Number * Months, CutOffDay);

    /// <summary>The report must be sent before this date; see the type's remarks for the mapping.</summary>
    public DateOnly DueBefore => EndExclusive;

    /// <summary>The period of the given kind that contains the date.</summary>
    public static ReportPeriod Containing(DateOnly date, ReportPeriodKind kind)
    {
        // The reporting month a date belongs to is the month its period of the 15th-to-14th ends in.
        var monthEnd = date.Day >= CutOffDay ? date.AddMonths(1) : date;
        var month = monthEnd.Month;
        return kind switch
        {
            ReportPeriodKind.Quarter => new ReportPeriod(kind, monthEnd.Year, ((month - 1) / 3) + 1),
            ReportPeriodKind.HalfYear => new ReportPeriod(kind, monthEnd.Year, ((month - 1) / 6) + 1),
            ReportPeriodKind.Year => new ReportPeriod(kind, monthEnd.Year, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown period kind."),
        };
    }

    /// <summary>Parses "2026-Q3", "2026-H1" or "2026".</summary>
    /// <exception cref="FormatException">The text is none of those forms.</exception>
    public static ReportPeriod Parse(string text) =>
        TryParse(text, out var period) ? period : throw new FormatException($"'{text}' is not a reporting period; write 2026-Q3, 2026-H1 or 2026.");

    /// <summary>Parses "2026-Q3", "2026-H1" or "2026" without throwing.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ReportPeriod? period)
    {
        period = null;
        if (text is null || text.Length is not (4 or 7) || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1901)
        {
            return false;
        }

        if (text.Length == 4)
        {
            period = new ReportPeriod(ReportPeriodKind.Year, year, 1);
            return true;
        }

        var (kind, max) = text[5] switch { 'Q' => (ReportPeriodKind.Quarter, 4), 'H' => (ReportPeriodKind.HalfYear, 2), _ => (default, 0) };
        var number = text[6] - '0';
        if (text[4] != '-' || max == 0 || number < 1 || number > max)
        {
            return false;
        }

        period = new ReportPeriod(kind, year, number);
        return true;
    }

    /// <summary>The reporting months of the period, each the 15th of one month to the 14th of the next.</summary>
    public IEnumerable<ReportMonth> ReportingMonths() =>
        Enumerable.Range(0, Months).Select(i => new ReportMonth(EndExclusive.AddMonths(i - Months + 1)));

    /// <summary>"2026-Q3", "2026-H1" or "2026".</summary>
    public override string ToString() => Kind switch
    {
        ReportPeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}"),
        ReportPeriodKind.HalfYear => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-H{Number}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };
}
