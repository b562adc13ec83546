using System.CommandLine;
using Liaison.Cli.Files;
using Liaison.Cli.Rendering;
using Liaison.Crypto.Agreements;

namespace Liaison.Cli.Commands;

/// <summary><c>liaison agreement verify</c>: is a signed agreement in force, and may it replace the previous version?</summary>
internal sealed class AgreementVerifyCommand : Command
{
    private readonly CliContext context;
    private readonly Argument<string> file = new("signed.json") { Description = "The signed agreement to check." };
    private readonly Option<string> previous = new("--previous") { Description = "The version in force that this one must replace.", HelpName = "signed.json" };

    public AgreementVerifyCommand(CliContext context)
        : base("verify", "Check an agreement's structure and every party's signature; exit 0 only when it is in force.")
    {
        this.context = context;
        Arguments.Add(file);
        Options.Add(previous);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var path = parse.GetRequiredValue(file);
        var signed = AgreementFiles.ReadSigned(path);
        var current = parse.GetValue(previous) is { } previousPath ? AgreementFiles.LoadInForce(previousPath) : null;
        var report = AgreementInForce.Inspect(signed, current);

        var output = context.Out;
        output.WriteLine($"Agreement '{Display.Untrusted(report.Document?.AgreementId ?? "")}' version {report.Document?.Version} ({path})");
        output.WriteField("Digest (SHA-256)", AgreementFiles.Digest(signed.Agreement));
        if (current is not null)
        {
            output.WriteField("Replaces", $"version {current.Version}, digest {Display.Hex(current.Digest)}");
        }

        output.WriteField("Signed by", report.SignedBy.Count == 0 ? Display.None : string.Join(", ", report.SignedBy));
        output.WriteField("Missing signatures", report.MissingSignatures.Count == 0 ? Display.None : string.Join(", ", report.MissingSignatures));
        if (!report.InForce)
        {
            // The verdict and its reasons go to stderr, like every refusal.
            var reasons = report.Problems.Concat(report.MissingSignatures.Select(m => $"The signature of '{m}' is missing.")).ToList();
            throw new CliException($"The agreement '{path}' is not in force{(current is null ? "" : " as a replacement of the previous version")}:", reasons);
        }

        output.WriteLine(current is null ? "The agreement is in force." : $"The agreement is in force and may replace version {current.Version}.");
        return ExitCodes.Success;
    }
}
