using System.Collections.Immutable;
using Liaison.Workflow.V1;

namespace Liaison.Workflows.Criteria;

/// <summary>
/// What changed between two catalogues, matched by indicator code: what the
/// officers must review before endorsing a new version. The indicators are
/// copies, so the diff does not change when the catalogues do.
/// </summary>
public sealed record CriteriaDiff(
    ImmutableArray<CriteriaIndicator> Added,
    ImmutableArray<CriteriaIndicator> Removed,
    ImmutableArray<IndicatorChange> Changed)
{
    /// <summary>True when both catalogues list the same indicators with the same texts and categories.</summary>
    public bool IsEmpty => Added.IsEmpty && Removed.IsEmpty && Changed.IsEmpty;

    /// <summary>Compares <paramref name="before"/> with <paramref name="after"/>; order within a catalogue is ignored.</summary>
    public static CriteriaDiff Between(CriteriaCatalogue before, CriteriaCatalogue after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = ByCode(before);
        var @new = ByCode(after);
        return new CriteriaDiff(
            [.. after.Indicators.Where(i => !old.ContainsKey(i.Code)).Select(i => i.Clone())],
            [.. before.Indicators.Where(i => !@new.ContainsKey(i.Code)).Select(i => i.Clone())],
            [.. after.Indicators
                .Where(i => old.TryGetValue(i.Code, out var was) && !was.Equals(i))
                .Select(i => new IndicatorChange(i.Code, old[i.Code].Clone(), i.Clone()))]);
    }

    private static Dictionary<string, CriteriaIndicator> ByCode(CriteriaCatalogue catalogue)
    {
        var map = new Dictionary<string, CriteriaIndicator>(StringComparer.Ordinal);
        foreach (var indicator in catalogue.Indicators)
        {
            // A malformed catalogue with a repeated code keeps its first entry; the workflow refuses such catalogues anyway.
            map.TryAdd(indicator.Code, indicator);
        }
        return map;
    }
}
