using Liaison.Workflows.Reports.Internal;

namespace Liaison.Workflows.Reports;

/// <summary>
/// Writes a report as RFC 4180 CSV: a <c>metric,value</c> header, then one metric per row with its stable name,
/// CRLF line ends, invariant culture, fields quoted only when they hold a comma, quote or line break. Rows are only
/// ever appended (the identification deadline's after the monthly rows), never reordered.
/// </summary>
public static class ReportCsv
{
    public static void Write(PeriodicReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        WriteRow(writer, "metric", "value");
        foreach (var (metric, value) in ReportRows.Summary(report).Concat(ReportRows.Monthly(report)).Concat(ReportRows.Identification(report)))
        {
            WriteRow(writer, metric, value);
        }
    }

    private static void WriteRow(TextWriter writer, string metric, string value)
    {
        writer.Write(Field(metric));
        writer.Write(',');
        writer.Write(Field(value));
        writer.Write("\r\n");
    }

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
