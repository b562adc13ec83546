using Liaison.Workflow.V1;

namespace Liaison.Workflows.Localization;

/// <summary>The BCP 47 tags the gateway writes into LocalizedText for its own texts. Thread-safe.</summary>
public static class LanguageTags
{
    /// <summary>"vi", "zh-Hans" (simplified characters) or "en".</summary>
    public static string Of(Language language) => language switch
    {
        Language.Vi => "vi",
        Language.Zh => "zh-Hans",
        Language.En => "en",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Unknown language."),
    };

    /// <summary>One LocalizedText per language, Vietnamese, Chinese then English, each tagged with <see cref="Of"/>.</summary>
    public static IEnumerable<LocalizedText> InEveryLanguage(Func<Language, string> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Enum.GetValues<Language>().Select(language => new LocalizedText { Language = Of(language), Text = text(language) });
    }
}
