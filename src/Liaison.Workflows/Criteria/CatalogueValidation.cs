using Liaison.Workflow.V1;

namespace Liaison.Workflows.Criteria;

/// <summary>Checks a proposed catalogue; returns why it is malformed, or null.</summary>
internal static class CatalogueValidation
{
    public static string? Problem(CriteriaCatalogue? catalogue)
    {
        if (catalogue is null)
        {
            return "it carries no catalogue";
        }
        if (catalogue.Version == 0)
        {
            return "the catalogue's version number must be 1 or more";
        }
        if (catalogue.Version == 1 ? !catalogue.PreviousVersionDigest.IsEmpty : catalogue.PreviousVersionDigest.Length != WorkflowSigning.DigestLength)
        {
            return "version 1 has no previous version digest, and every later version has the 32-byte digest of the one it replaces";
        }
        if (CivilDates.ToDateOnly(catalogue.EffectiveFrom) is null)
        {
            return "the catalogue has no valid effective date";
        }
        if (catalogue.Indicators.Count == 0)
        {
            return "the catalogue has no indicators";
        }
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var indicator in catalogue.Indicators)
        {
            if (!WorkflowIds.IsValid(indicator.Code) || !codes.Add(indicator.Code))
            {
                return "every indicator needs a code (A-Za-z0-9/._-), unique within the catalogue";
            }
            if (string.IsNullOrWhiteSpace(indicator.TextVi) || string.IsNullOrWhiteSpace(indicator.TextZh) || string.IsNullOrWhiteSpace(indicator.TextEn))
            {
                return $"indicator {indicator.Code} needs its text in Vietnamese, Chinese and English";
            }
            if (indicator.Category == IndicatorCategory.Unspecified)
            {
                return $"indicator {indicator.Code} has no category";
            }
        }
        return null;
    }
}
