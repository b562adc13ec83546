using System.CommandLine;
using System.CommandLine.Parsing;
using Liaison.Agreement.V1;

namespace Liaison.Cli.Options;

/// <summary>One <c>--name node-id=vi|zh|en</c>: a party's name in the three working languages.</summary>
internal sealed record NameSpec(string NodeId, LocalizedName Name)
{
    public static Option<NameSpec[]> CreateOption() => new("--name")
    {
        Description = "A party's name in Vietnamese, Chinese and English, e.g. \"vn-laocai=Công an tỉnh Lào Cai|老街省公安|Lao Cai Provincial Police\". "
            + "Repeat for each party; a party without one is named by its node id.",
        HelpName = "node-id=vi|zh|en",
        CustomParser = Parse,
    };

    private static NameSpec[] Parse(ArgumentResult result)
    {
        var names = new List<NameSpec>();
        foreach (var token in result.Tokens)
        {
            var equals = token.Value.IndexOf('=', StringComparison.Ordinal);
            var languages = equals < 1 ? [] : token.Value[(equals + 1)..].Split('|', StringSplitOptions.TrimEntries);
            if (languages.Length != 3 || languages.Any(l => l.Length == 0))
            {
                result.AddError($"--name '{token.Value}' must look like node-id=vi|zh|en, with all three names.");
                continue;
            }

            names.Add(new NameSpec(token.Value[..equals].Trim(), new LocalizedName { Vi = languages[0], Zh = languages[1], En = languages[2] }));
        }

        return [.. names];
    }
}
