using System.CommandLine;
using Grpc.Core;
using Liaison.Workflows.Localization;

namespace Liaison.Cli.Commands;

/// <summary>
/// The global <c>--lang vi|zh|en</c>: the language of the labels the tool prints and of the
/// gateway's labels, sent as the <c>accept-language</c> header. By default the language of
/// LC_ALL or LANG when it is Vietnamese or Chinese, English otherwise.
/// </summary>
internal sealed class LanguageOption
{
    public LanguageOption(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Option = new("--lang")
        {
            Description = "The language of labels: vi, zh or en (default: from LC_ALL or LANG, else en).",
            HelpName = "vi|zh|en",
            Recursive = true,
            DefaultValueFactory = _ => FromEnvironment(context.GetEnvironmentVariable),
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (TryParse(text) is { } language)
                {
                    return language;
                }

                result.AddError($"'{text}' is not a language: use vi, zh or en.");
                return Language.En;
            },
        };
    }

    public Option<Language> Option { get; }

    public Language Of(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(Option);
    }

    /// <summary>The <c>accept-language</c> header for the chosen language.</summary>
    public Metadata Headers(ParseResult parse) => new() { { "accept-language", Tag(Of(parse)) } };

    public static string Tag(Language language) => language switch
    {
        Language.Vi => "vi",
        Language.Zh => "zh",
        _ => "en",
    };

    public static Language? TryParse(string text) => text switch
    {
        "vi" => Language.Vi,
        "zh" => Language.Zh,
        "en" => Language.En,
        _ => null,
    };

    /// <summary>LC_ALL wins over LANG, as in the C library; "vi_VN.UTF-8" is Vietnamese, "zh_CN.UTF-8" Chinese.</summary>
    public static Language FromEnvironment(Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var locale = getEnvironmentVariable("LC_ALL") is { Length: > 0 } all ? all : getEnvironmentVariable("LANG") ?? "";
        return locale.StartsWith("vi", StringComparison.OrdinalIgnoreCase) ? Language.Vi
            : locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Language.Zh
            : Language.En;
    }
}
