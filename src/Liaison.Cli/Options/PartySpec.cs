using System.CommandLine;
using System.CommandLine.Parsing;
using Liaison.Crypto;

namespace Liaison.Cli.Options;

/// <summary>One <c>--party node-id,country,authority.pub.json,node.pub.json</c> of a draft.</summary>
internal sealed record PartySpec(string NodeId, string Country, string AuthorityKeysPath, string NodeKeysPath)
{
    public static Option<PartySpec[]> CreateOption() => new("--party")
    {
        Description = "A party: node id, ISO country code, its authority public-key file and its node public-key file, "
            + "separated by commas (e.g. vn-laocai,VN,keys/vn-laocai.authority.pub.json,keys/vn-laocai.pub.json). Repeat for each party.",
        HelpName = "node-id,country,authority.pub.json,node.pub.json",
        CustomParser = Parse,
    };

    private static PartySpec[] Parse(ArgumentResult result)
    {
        var parties = new List<PartySpec>();
        foreach (var token in result.Tokens)
        {
            var parts = token.Value.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 4 || parts.Any(p => p.Length == 0))
            {
                result.AddError($"--party '{token.Value}' needs four comma-separated parts: node-id,country,authority.pub.json,node.pub.json.");
            }
            else if (!Identifiers.IsNodeId(parts[0]))
            {
                result.AddError($"--party '{token.Value}': '{parts[0]}' is not a node id (lower-case letters, digits and '-').");
            }
            else
            {
                parties.Add(new PartySpec(parts[0], parts[1], parts[2], parts[3]));
            }
        }

        if (result.Tokens.Count < 2)
        {
            result.AddError("An agreement needs at least two --party options.");
        }

        return [.. parties];
    }
}
