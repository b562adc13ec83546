using System.Collections.Immutable;
using Liaison.Workflows.Reports.Internal;

namespace Liaison.Workflows.Reports;

/// <summary>The labels of the report's stable metric names in Vietnamese, Chinese and English.</summary>
public static class ReportLabels
{
    /// <summary>Every metric name that has a label (the monthly rows, "monthly.yyyy-MM.*", are labelled per column).</summary>
    public static ImmutableArray<string> Metrics { get; } = [.. LabelTable.Labels.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The label of a metric name in a language.</summary>
    /// <exception cref="KeyNotFoundException">The metric name is not one of <see cref="Metrics"/>.</exception>
    public static string For(string metric, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return LabelTable.Labels.TryGetValue(metric, out var label)
            ? LabelTable.Pick(label, language)
            : throw new KeyNotFoundException($"'{metric}' is not a report metric.");
    }
}
