namespace Liaison.Workflows.Localization;

/// <summary>The languages labels are shown in.</summary>
public enum Language
{
    /// <summary>Vietnamese, with diacritics.</summary>
    Vi,

    /// <summary>Chinese, simplified characters.</summary>
    Zh,

    /// <summary>English.</summary>
    En,
}
