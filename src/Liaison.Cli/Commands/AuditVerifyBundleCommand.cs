using System.CommandLine;
using System.Globalization;
using Liaison.Audit.Bundles;
using Liaison.Cli.Rendering;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison audit verify-bundle FILE</c>: checks an audit bundle on its own, on any machine
/// (see <see cref="AuditBundleVerifier"/>). Exit 0 when it verifies, 1 naming the first bad item,
/// 2 when the file cannot be read as a bundle.
/// </summary>
internal sealed class AuditVerifyBundleCommand : Command
{
    private readonly CliContext context;
    private readonly Argument<string> file = new("file") { Description = "The bundle written by 'liaison audit export'." };
    private readonly Option<string> agreementDigest = new("--agreement-sha256")
    {
        Description = "The SHA-256 (hex) of the agreement you hold: the bundle's agreement must be that one. Without it, any agreement both authorities signed is accepted, and its digest is printed to compare.",
        HelpName = "hex",
    };

    public AuditVerifyBundleCommand(CliContext context)
        : base("verify-bundle", "Check an audit bundle offline: the agreement's co-signatures, every entry against its leaf data, the recomputed Merkle tree, every checkpoint and cosignature; exit 0 only when it verifies.")
    {
        this.context = context;
        Arguments.Add(file);
        Options.Add(agreementDigest);
        agreementDigest.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (text is null || text.Length != 64 || !text.All(Uri.IsHexDigit))
            {
                result.AddError("--agreement-sha256 is 64 hex digits.");
            }
        });
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var path = parse.GetRequiredValue(file);
        AuditBundle bundle;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
            bundle = await AuditBundleJson.ReadAsync(stream, cancellationToken);
        }
        catch (Exception e) when (e is AuditBundleFormatException or IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: '{path}' cannot be read as an audit bundle: {e.Message}");
            return ExitCodes.Usage;
        }

        var expected = parse.GetValue(agreementDigest) is { } hex ? Convert.FromHexString(hex) : [];
        var report = AuditBundleVerifier.Verify(bundle, expected);
        var output = context.Out;
        output.WriteLine($"Audit bundle of {bundle.NodeId} ({bundle.Origin})");
        output.WriteField("Agreement", $"SHA-256 {Display.Hex(report.AgreementDigest)}{(expected.Length > 0 ? " (as given)" : " (compare it with the agreement you hold)")}");
        output.WriteField("Entries in order", report.Entries == 0 ? "none" : $"{report.FirstSeq} to {report.LastSeq}");
        output.WriteField("Root recomputed", report.Root.ToBase64());
        output.WriteField("Checkpoints verified", $"{report.CheckpointsVerified} of {bundle.Checkpoints.Count}");
        output.WriteField("Cosignatures verified", $"{report.CosignaturesVerified} of {bundle.Cosignatures.Count}");
        if (!report.IsIntact)
        {
            var first = report.Problems[0];
            throw new CliException($"The audit bundle of '{bundle.NodeId}' does not verify; the first bad item is {first.Item}:", report.Problems.Select(p => p.Description).ToList());
        }

        output.WriteField("Signed up to", report.CoveredUpTo == 0 ? "no entry: no checkpoint covers the bundle" : $"entry {report.CoveredUpTo.ToString(CultureInfo.InvariantCulture)}");
        if (report.CoveredUpTo < report.LastSeq)
        {
            context.Note($"entries {report.CoveredUpTo + 1} to {report.LastSeq} are after the last checkpoint: they are consistent, but no signature of the node covers them yet.");
        }

        output.WriteLine("The audit bundle verifies.");
        return ExitCodes.Success;
    }
}
