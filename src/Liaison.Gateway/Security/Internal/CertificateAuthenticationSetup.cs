using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Security.Internal;

/// <summary>
/// ASP.NET Core certificate authentication as the gateway needs it: a certificate must chain to the
/// configured client CA (and to nothing else: custom root trust), be within its validity period,
/// carry the clientAuth usage, not be revoked by the CA's list, and name a caller; the principal is
/// then <see cref="Caller.ToPrincipal"/>. TLS itself accepts any client certificate (and none, for the
/// health check), so that every decision is made here, once.
/// </summary>
internal sealed class CertificateAuthenticationSetup(ClientTrust trust, ILogger<CertificateAuthenticationSetup> logger) : IConfigureNamedOptions<CertificateAuthenticationOptions>
{
    public void Configure(string? name, CertificateAuthenticationOptions options) => Configure(options);

    public void Configure(CertificateAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AllowedCertificateTypes = CertificateTypes.Chained;
        options.ChainTrustValidationMode = X509ChainTrustMode.CustomRootTrust;
        options.CustomTrustStore = [.. trust.Authorities];
        // Revocation is checked against the configured list below, not by fetching distribution points.
        options.RevocationMode = X509RevocationMode.NoCheck;
        options.ValidateCertificateUse = true;
        options.ValidateValidityPeriod = true;
        options.Events = new CertificateAuthenticationEvents
        {
            OnCertificateValidated = context =>
            {
                var certificate = context.ClientCertificate;
                if (trust.IsRevoked(certificate))
                {
                    SecurityLog.RevokedCertificate(logger, certificate.SerialNumber);
                    context.Fail("The client certificate is revoked.");
                    return Task.CompletedTask;
                }

                if (ClientCertificates.CallerOf(certificate) is not { } caller)
                {
                    SecurityLog.NoIdentity(logger, certificate.SerialNumber);
                    context.Fail("The client certificate names no caller.");
                    return Task.CompletedTask;
                }

                context.Principal = caller.ToPrincipal();
                context.Success();
                return Task.CompletedTask;
            },
        };
    }
}
