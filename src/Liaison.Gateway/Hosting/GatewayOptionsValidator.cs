using System.Net;
using Liaison.Crypto;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Hosting;

/// <summary>
/// Checks <see cref="GatewayOptions"/> across fields, with one sentence per problem naming the setting.
/// With a <see cref="GatewayNodeMaterial"/>, the files it stands in for are not required.
/// </summary>
public sealed class GatewayOptionsValidator(GatewayNodeMaterial? material = null) : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options, material).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> Problems(GatewayOptions options, GatewayNodeMaterial? material)
    {
        const string section = GatewayOptions.Section;
        if (!Identifiers.IsNodeId(options.NodeId))
        {
            yield return $"{section}:NodeId must be this node's id in the agreement: lower-case letters, digits and '-', at most 63 characters.";
        }

        if (material is null && string.IsNullOrWhiteSpace(options.KeyFile))
        {
            yield return $"{section}:KeyFile must name this node's encrypted private-key file.";
        }

        if (material is null && string.IsNullOrWhiteSpace(options.PassphraseFile) && string.IsNullOrWhiteSpace(options.PassphraseVariable))
        {
            yield return $"{section}:PassphraseFile or {section}:PassphraseVariable must say where the key-file passphrase comes from.";
        }

        if (material is null && string.IsNullOrWhiteSpace(options.AgreementFile))
        {
            yield return $"{section}:AgreementFile must name the co-signed agreement (a SignedAgreement in protobuf JSON).";
        }

        if (options.ListenAddress is not ("localhost" or "*") && !IPAddress.TryParse(options.ListenAddress, out _))
        {
            yield return $"{section}:ListenAddress must be an IP address, \"localhost\" or \"*\".";
        }

        if (options.Port is < 0 or > 65535)
        {
            yield return $"{section}:Port must be between 0 and 65535.";
        }
        else if (options.Port == 0 && options.ListenAddress == "localhost")
        {
            yield return $"{section}:Port 0 (a free port) needs an IP address in {section}:ListenAddress, such as 127.0.0.1, not \"localhost\".";
        }

        var tls = options.Tls;
        if (string.IsNullOrWhiteSpace(tls.CertificateFile) && material?.ServerCertificate is null && !options.AllowPlaintextForDevelopment)
        {
            yield return $"{section}:Tls:CertificateFile must name the server certificate (PEM or PFX); plaintext is only served with {section}:AllowPlaintextForDevelopment=true.";
        }

        if (!string.IsNullOrWhiteSpace(tls.CertificateFile) && !tls.IsPkcs12 && string.IsNullOrWhiteSpace(tls.KeyFile))
        {
            yield return $"{section}:Tls:KeyFile must name the PEM private key of the certificate.";
        }

        var servesTls = !string.IsNullOrWhiteSpace(tls.CertificateFile) || material?.ServerCertificate is not null;
        if (servesTls && string.IsNullOrWhiteSpace(tls.ClientCaFile) && material?.ClientAuthority is null)
        {
            yield return $"{section}:Tls:ClientCaFile must name the PEM certificate of the CA that issues client certificates: every caller but the health check is authenticated by one.";
        }

        if (!string.IsNullOrWhiteSpace(tls.ClientCrlFile) && string.IsNullOrWhiteSpace(tls.ClientCaFile) && material?.ClientAuthority is null)
        {
            yield return $"{section}:Tls:ClientCrlFile needs {section}:Tls:ClientCaFile, the CA whose revocations it lists.";
        }
    }
}
