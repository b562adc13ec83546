using System.CommandLine;
using System.Globalization;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison ca revoke SERIAL</c>: adds a certificate to the CA's revocation list and signs the next
/// list into crl.pem; gateways reading that file refuse the certificate from their next call on.
/// </summary>
internal sealed class CaRevokeCommand : Command
{
    private readonly CliContext context;
    private readonly Argument<string> serial = new("serial") { Description = "The certificate's serial number in hex, as 'liaison ca issue' printed it (issued.tsv lists them)." };
    private readonly Option<string> directory = CaDirectory.Option();
    private readonly PassphraseOption passphrase = CaDirectory.Passphrase();

    public CaRevokeCommand(CliContext context)
        : base("revoke", "Revoke a client certificate by its serial number and sign the CA's next revocation list (crl.pem).")
    {
        this.context = context;
        Arguments.Add(serial);
        this.AddOptions(directory, passphrase.File);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var text = parse.GetRequiredValue(serial).Replace(":", "", StringComparison.Ordinal).Trim();
        if (text.Length == 0 || text.Length % 2 != 0 || !text.All(char.IsAsciiHexDigit))
        {
            throw new CliException($"'{parse.GetRequiredValue(serial)}' is not a serial number: give it in hex, as 'liaison ca issue' printed it.");
        }

        var ca = CaDirectory.At(parse.GetRequiredValue(directory));
        using var authority = ca.Open(passphrase.Read(parse, context));
        var (builder, number) = ca.ReadRevocationList();
        var now = context.Time.GetUtcNow();
        builder.AddEntry(Convert.FromHexString(text), now, System.Security.Cryptography.X509Certificates.X509RevocationReason.Unspecified);
        ca.WriteRevocationList(builder, number, authority, now);

        context.Out.WriteLine($"Revoked {text.ToUpperInvariant()}.");
        context.Out.WriteField("Revocation list", $"{ca.RevocationListFile} (number {(number + 1).ToString(CultureInfo.InvariantCulture)})");
        context.Out.WriteLine("Gateways whose Gateway:Tls:ClientCrlFile is this file (or a copy of it) refuse the certificate from their next call on.");
        return ExitCodes.Success;
    }
}
