using Liaison.Workflow.V1;

namespace Liaison.Workflows.Criteria;

/// <summary>An indicator whose code is in both catalogues but whose text or category changed.</summary>
public sealed record IndicatorChange(string Code, CriteriaIndicator Before, CriteriaIndicator After)
{
    /// <summary>True when the category changed (not only the wording).</summary>
    public bool CategoryChanged => Before.Category != After.Category;
}
