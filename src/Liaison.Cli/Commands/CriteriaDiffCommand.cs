using System.CommandLine;
using Liaison.Cli.Files;
using Liaison.Cli.Rendering;
using Liaison.Workflow.V1;
using Liaison.Workflows.Criteria;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison criteria diff</c>: what changed between two versions of the identification
/// criteria catalogue (protobuf JSON files), indicator by indicator, with the digests both
/// sides sign, so that an officer reviews exactly what a proposal changes before endorsing it.
/// </summary>
internal sealed class CriteriaDiffCommand : Command
{
    private readonly CliContext context;
    private readonly Argument<string> before = new("before") { Description = "The earlier catalogue: a liaison.workflow.v1.CriteriaCatalogue in protobuf JSON." };
    private readonly Argument<string> after = new("after") { Description = "The later catalogue, in the same form." };

    public CriteriaDiffCommand(CliContext context)
        : base("diff", "Show which indicators a criteria catalogue adds, removes or changes against another.")
    {
        this.context = context;
        Arguments.Add(before);
        Arguments.Add(after);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var (beforePath, afterPath) = (parse.GetRequiredValue(before), parse.GetRequiredValue(after));
        var old = ProtoJsonFile.Read<CriteriaCatalogue>(beforePath);
        var @new = ProtoJsonFile.Read<CriteriaCatalogue>(afterPath);
        var diff = CriteriaDiff.Between(old, @new);
        var output = context.Out;
        output.WriteLine($"Criteria version {old.Version} -> {@new.Version}");
        output.WriteField("Digest before", Convert.ToHexStringLower(CriteriaDigest.Of(old)));
        output.WriteField("Digest after", Convert.ToHexStringLower(CriteriaDigest.Of(@new)));
        if (diff.IsEmpty)
        {
            output.WriteLine("No indicator changed.");
            return ExitCodes.Success;
        }

        foreach (var added in diff.Added)
        {
            output.WriteLine($"+ {Display.Untrusted(added.Code)} [{added.Category}] {Display.Untrusted(added.TextEn)}");
        }

        foreach (var removed in diff.Removed)
        {
            output.WriteLine($"- {Display.Untrusted(removed.Code)} [{removed.Category}] {Display.Untrusted(removed.TextEn)}");
        }

        foreach (var changed in diff.Changed)
        {
            output.WriteLine($"~ {Display.Untrusted(changed.Code)}");
            WriteChange(output, "category", changed.Before.Category.ToString(), changed.After.Category.ToString());
            WriteChange(output, "vi", changed.Before.TextVi, changed.After.TextVi);
            WriteChange(output, "zh", changed.Before.TextZh, changed.After.TextZh);
            WriteChange(output, "en", changed.Before.TextEn, changed.After.TextEn);
        }

        return ExitCodes.Success;
    }

    private static void WriteChange(TextWriter output, string field, string before, string after)
    {
        if (before != after)
        {
            output.WriteLine($"    {field}: {Display.Untrusted(before)} -> {Display.Untrusted(after)}");
        }
    }
}
