namespace Liaison.Workflows.Localization;

/// <summary>One label in the three languages.</summary>
public sealed record Label(string Vi, string Zh, string En)
{
    /// <summary>The label in <paramref name="language"/>.</summary>
    public string In(Language language) => language switch
    {
        Language.Vi => Vi,
        Language.Zh => Zh,
        Language.En => En,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Unknown language."),
    };
}
