namespace Liaison.Workflows.Reports;

/// <summary>A language the report's labels exist in.</summary>
public enum ReportLanguage
{
    /// <summary>Vietnamese, with diacritics.</summary>
    Vietnamese = 1,

    /// <summary>Chinese, simplified characters.</summary>
    Chinese = 2,

    /// <summary>English.</summary>
    English = 3,
}
