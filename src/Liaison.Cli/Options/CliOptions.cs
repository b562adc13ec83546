using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Liaison.Crypto;
using Liaison.Crypto.V1;

namespace Liaison.Cli.Options;

/// <summary>Options shared by several commands, each parsed and checked once here so a typo is a usage error (exit 2).</summary>
internal static class CliOptions
{
    // Only ISO 8601: in Vietnam and China 01/11 is the 1st of November, in the invariant culture the 11th of January.
    private static readonly string[] TimeFormats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public static Option<string> Required(string name, string description, string helpName) =>
        new(name) { Description = description, HelpName = helpName, Required = true };

    public static Option<string> NodeId(string name, string description)
    {
        var option = Required(name, description, "node-id");
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not null && !Identifiers.IsNodeId(value))
            {
                result.AddError($"'{value}' is not a node id: use lower-case letters, digits and '-', at most 63 characters, e.g. vn-laocai.");
            }
        });
        return option;
    }

    public static Option<int> Number(string name, string description, string helpName, int defaultValue, int minimum, int maximum)
    {
        var option = new Option<int>(name)
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"{description} From {minimum} to {maximum}."),
            HelpName = helpName,
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < minimum || value > maximum)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be between {minimum} and {maximum}, not {value}."));
            }
        });
        return option;
    }

    public static Option<Suite> SuiteChoice() => new("--suite")
    {
        Description = "The crypto suite: international (Ed25519, X25519+ML-KEM-768, AES-GCM) or gm (SM2, SM3, SM4).",
        HelpName = "international|gm",
        CustomParser = ParseSuite,
    };

    /// <summary>One or more suites, each given as its own --suite.</summary>
    public static Option<Suite[]> SuiteChoices(string description) => new("--suite")
    {
        Description = description,
        HelpName = "international|gm",
        Required = true,
        CustomParser = result => result.Tokens.Select(t => TryParseSuite(t.Value) ?? Invalid(result, t.Value)).Distinct().ToArray(),
    };

    public static Suite? TryParseSuite(string text) => text switch
    {
        "international" => Suite.InternationalV1,
        "gm" => Suite.GmV1,
        _ => null,
    };

    /// <summary>An optional point in time, in ISO 8601; a time without an offset is UTC.</summary>
    public static Option<DateTimeOffset?> Time(string name, string description) => new(name)
    {
        Description = description + " ISO 8601, e.g. 2026-11-01 or 2026-11-01T08:00:00+07:00; UTC when no offset is given.",
        HelpName = "time",
        CustomParser = ParseTime,
    };

    /// <summary>The name users type for a suite, the inverse of <see cref="ParseSuite"/>.</summary>
    public static string SuiteName(Suite suite) => suite == Suite.GmV1 ? "gm" : "international";

    private static Suite ParseSuite(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        return TryParseSuite(text) ?? Invalid(result, text);
    }

    private static Suite Invalid(ArgumentResult result, string text)
    {
        result.AddError($"'{text}' is not a suite: use 'international' or 'gm'.");
        return Suite.Unspecified;
    }

    private static DateTimeOffset? ParseTime(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        result.AddError($"'{text}' is not an ISO 8601 time such as 2026-11-01T00:00:00Z.");
        return null;
    }
}
