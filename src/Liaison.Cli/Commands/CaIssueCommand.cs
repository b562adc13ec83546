using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;
using Liaison.Gateway.Security;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison ca issue</c>: a client certificate saying who the caller is (subject id, role, unit), with
/// a new key: NAME.pem (the certificate) and NAME.key (its private key, mode 0600), for
/// <c>--client-cert</c>/<c>--client-key</c>. Short-lived by default: renewing is cheaper than revoking.
/// </summary>
internal sealed class CaIssueCommand : Command
{
    private readonly CliContext context;
    private readonly Option<string> directory = CaDirectory.Option();
    private readonly Option<CallerRole> role = new("--role")
    {
        Description = "The caller's role: officer, supervisor, auditor, partner-system or administrator.",
        HelpName = "role",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (CallerRoles.TryParse(text, out var parsed))
            {
                return parsed;
            }

            result.AddError($"'{text}' is not a role: use officer, supervisor, auditor, partner-system or administrator.");
            return default;
        },
    };

    private readonly Option<string> subject = CliOptions.Required("--subject", "The caller's id, never a name: e.g. vn-laocai/officer-0042 (letters, digits, '.', '_', '-', '/').", "id");
    private readonly Option<string> unit = new("--unit") { Description = "The caller's unit, e.g. bat-xat-police (lower-case letters, digits, '-'); officers and partner systems need one.", HelpName = "unit" };
    private readonly Option<string> output = CliOptions.Required("--out", "Where to write: OUT.pem (certificate) and OUT.key (private key, mode 0600).", "path");
    private readonly Option<int> validDays = CliOptions.Number("--valid-days", "How long the certificate is valid, in days.", "days", 30, 1, 397);
    private readonly PassphraseOption passphrase = CaDirectory.Passphrase();

    public CaIssueCommand(CliContext context)
        : base("issue", "Issue a client certificate for one caller (subject id, role, unit) from the CA in --dir.")
    {
        this.context = context;
        Validators.Add(result =>
        {
            var id = result.GetValue(subject);
            if (id is not null && !ClientCertificates.IsSubjectId(id))
            {
                result.AddError($"'{id}' is not a subject id: use letters, digits, '.', '_', '-' and '/', at most 128 characters.");
            }

            var given = result.GetValue(unit);
            if (given is not null && (given.Length == 0 || !ClientCertificates.IsUnit(given)))
            {
                result.AddError($"'{given}' is not a unit: use lower-case letters, digits and '-', at most 63 characters.");
            }

            // The role's text, not its value: reading the value of a role that failed to parse throws.
            if (given is null && result.GetResult(role)?.Tokens is [{ Value: CallerRoles.Officer or CallerRoles.PartnerSystem }])
            {
                result.AddError("An officer or partner system belongs to a unit: give --unit.");
            }
        });
        this.AddOptions(directory, role, subject, unit, output, validDays, passphrase.File);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var ca = CaDirectory.At(parse.GetRequiredValue(directory));
        var (certificatePath, keyPath) = (parse.GetRequiredValue(output) + ".pem", parse.GetRequiredValue(output) + ".key");
        if (File.Exists(certificatePath) || File.Exists(keyPath))
        {
            throw new CliException($"'{certificatePath}' or '{keyPath}' already exists; certificates are never overwritten. Choose another --out.");
        }

        var caller = new Caller(parse.GetRequiredValue(subject), parse.GetValue(role), parse.GetValue(unit) ?? "");
        using var authority = ca.Open(passphrase.Read(parse, context));
        var now = context.Time.GetUtcNow();
        using var issued = ClientCertificates.Issue(authority, caller, now.AddMinutes(-5), now.AddDays(parse.GetValue(validDays)));
        using var key = issued.GetECDsaPrivateKey()!;
        CaDirectory.WritePrivate(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        File.WriteAllText(certificatePath, issued.ExportCertificatePem() + "\n");
        ca.RecordIssued(issued, caller.SubjectId, CallerRoles.Name(caller.Role), caller.Unit);

        context.Out.WriteLine("Issued a client certificate:");
        context.Out.WriteField("Subject", caller.SubjectId);
        context.Out.WriteField("Role", CallerRoles.Name(caller.Role));
        context.Out.WriteField("Unit", caller.Unit.Length == 0 ? "(none)" : caller.Unit);
        context.Out.WriteField("Serial", issued.SerialNumber);
        context.Out.WriteField("Valid until", issued.NotAfter.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        context.Out.WriteField("Certificate", certificatePath);
        context.Out.WriteField("Private key", $"{keyPath} (mode 0600)");
        return ExitCodes.Success;
    }
}
