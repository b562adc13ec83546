namespace Liaison.Workflows.Reports;

/// <summary>The reporting periods of the Lao Cai plan (quarterly, half-yearly and yearly progress reports).</summary>
public enum ReportPeriodKind
{
    /// <summary>Three reporting months, written "2026-Q3".</summary>
    Quarter = 1,

    /// <summary>Six reporting months, written "2026-H1".</summary>
    HalfYear = 2,

    /// <summary>Twelve reporting months, written "2026".</summary>
    Year = 3,
}
