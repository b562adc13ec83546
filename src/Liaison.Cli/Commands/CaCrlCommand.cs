using System.CommandLine;
using System.Globalization;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison ca crl</c>: signs the CA's revocation list again with fresh dates (same revocations), as
/// is due every week; with <c>--out</c>, also copies it where a gateway reads it.
/// </summary>
internal sealed class CaCrlCommand : Command
{
    private readonly CliContext context;
    private readonly Option<string> directory = CaDirectory.Option();
    private readonly Option<string> output = new("--out") { Description = "Also write the list here (in one rename), e.g. the file a gateway's Gateway:Tls:ClientCrlFile names.", HelpName = "path" };
    private readonly PassphraseOption passphrase = CaDirectory.Passphrase();

    public CaCrlCommand(CliContext context)
        : base("crl", "Sign the CA's revocation list again (crl.pem, current for 7 days) and optionally copy it for a gateway.")
    {
        this.context = context;
        this.AddOptions(directory, output, passphrase.File);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var ca = CaDirectory.At(parse.GetRequiredValue(directory));
        using var authority = ca.Open(passphrase.Read(parse, context));
        var (builder, number) = ca.ReadRevocationList();
        var now = context.Time.GetUtcNow();
        ca.WriteRevocationList(builder, number, authority, now);
        if (parse.GetValue(output) is { } copy)
        {
            var next = copy + ".next";
            File.Copy(ca.RevocationListFile, next, overwrite: true);
            File.Move(next, copy, overwrite: true);
        }

        context.Out.WriteLine("Signed the revocation list.");
        context.Out.WriteField("Revocation list", $"{ca.RevocationListFile} (number {(number + 1).ToString(CultureInfo.InvariantCulture)})");
        context.Out.WriteField("Next update", now.Add(CaDirectory.RevocationListValidity).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        if (parse.GetValue(output) is { } written)
        {
            context.Out.WriteField("Copied to", written);
        }

        return ExitCodes.Success;
    }
}
