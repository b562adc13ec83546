using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;

namespace Liaison.Cli.Commands;

/// <summary><c>liaison ca init</c>: a deployment's client CA (ECDSA P-256, self-signed), its encrypted key and an empty revocation list.</summary>
internal sealed class CaInitCommand : Command
{
    private readonly CliContext context;
    private readonly Option<string> directory = CaDirectory.Option();
    private readonly Option<string> name = CliOptions.Required("--name", "The CA's common name, e.g. \"Lao Cai liaison gateway clients\".", "name");
    private readonly Option<int> validDays = CliOptions.Number("--valid-days", "How long the CA certificate is valid, in days.", "days", 1825, 1, 7300);
    private readonly PassphraseOption passphrase = CaDirectory.Passphrase();

    public CaInitCommand(CliContext context)
        : base("init", $"Create a client CA for one side's gateway in --dir: ca.pem (trust it as Gateway:Tls:ClientCaFile), ca.key (encrypted, mode 0600; passphrase from --passphrase-file or {CaDirectory.PassphraseVariable}) and crl.pem.")
    {
        this.context = context;
        this.AddOptions(directory, name, validDays, passphrase.File);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var ca = CaDirectory.At(parse.GetRequiredValue(directory));
        var secret = passphrase.Read(parse, context);
        var now = context.Time.GetUtcNow();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + parse.GetRequiredValue(name).Replace(",", "\\,", StringComparison.Ordinal)), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var authority = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(parse.GetValue(validDays)));
        ca.Create(authority, key, secret, now);

        context.Out.WriteLine("Created a client CA:");
        context.Out.WriteField("Certificate", $"{ca.CertificateFile} (Gateway:Tls:ClientCaFile)");
        context.Out.WriteField("Private key", $"{ca.KeyFile} (encrypted, mode 0600)");
        context.Out.WriteField("Revocation list", $"{ca.RevocationListFile} (Gateway:Tls:ClientCrlFile)");
        context.Out.WriteField("Valid until", authority.NotAfter.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        context.Out.WriteField("SHA-256", Convert.ToHexStringLower(authority.GetCertHash(HashAlgorithmName.SHA256)));
        return ExitCodes.Success;
    }
}
