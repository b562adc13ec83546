using System.CommandLine;
using System.CommandLine.Parsing;
using Liaison.Crypto;
using Liaison.Crypto.V1;

namespace Liaison.Cli.Options;

/// <summary>One <c>--link-suite sender:recipient=suite</c>: the suite of one direction, overriding --suite.</summary>
internal sealed record LinkSuiteSpec(string SenderNode, string RecipientNode, Suite Suite)
{
    public static Option<LinkSuiteSpec[]> CreateOption() => new("--link-suite")
    {
        Description = "The suite of one direction, e.g. \"cn-yunnan:vn-laocai=gm\"; other directions use --suite. "
            + "Both nodes of a link need keys of its suite (the recipient signs receipts in it).",
        HelpName = "sender:recipient=suite",
        CustomParser = Parse,
    };

    private static LinkSuiteSpec[] Parse(ArgumentResult result)
    {
        var links = new List<LinkSuiteSpec>();
        foreach (var token in result.Tokens)
        {
            var parts = token.Value.Split(['=', ':'], StringSplitOptions.TrimEntries);
            var suite = parts.Length == 3 ? CliOptions.TryParseSuite(parts[2]) : null;
            if (suite is null || !Identifiers.IsNodeId(parts[0]) || !Identifiers.IsNodeId(parts[1]))
            {
                result.AddError($"--link-suite '{token.Value}' must look like sender:recipient=international or sender:recipient=gm.");
                continue;
            }

            links.Add(new LinkSuiteSpec(parts[0], parts[1], suite.Value));
        }

        return [.. links];
    }
}
