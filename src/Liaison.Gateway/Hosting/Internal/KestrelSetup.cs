using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Hosting.Internal;

/// <summary>
/// Makes Kestrel listen where <see cref="GatewayOptions"/> says: HTTP/2 only (gRPC needs
/// nothing else), with TLS unless plaintext is explicitly allowed for development, asking
/// callers for a client certificate.
/// Runs when the server starts, after the options have been validated. A certificate in a
/// registered <see cref="GatewayNodeMaterial"/> wins over Gateway:Tls.
/// </summary>
internal sealed class KestrelSetup(IOptions<GatewayOptions> options, ILogger<KestrelSetup> logger, GatewayNodeMaterial? material = null) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        var settings = options.Value;
        var certificate = material?.ServerCertificate is { } given ? ServerCertificates.Usable(given)
            : !string.IsNullOrWhiteSpace(settings.Tls.CertificateFile) ? ServerCertificates.Load(settings.Tls)
            : null;
        var useTls = certificate is not null;
        void Endpoint(ListenOptions listen)
        {
            listen.Protocols = HttpProtocols.Http2;
            if (certificate is not null)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    // Asked for, not required: the health check stays reachable without one. Any
                    // certificate passes TLS; certificate authentication then checks it against the
                    // client CA and its revocation list, and every RPC but health needs it to pass.
                    ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                    ClientCertificateValidation = (_, _, _) => true,
                    CheckCertificateRevocation = false,
                });
            }
        }

        switch (settings.ListenAddress)
        {
            case "localhost":
                kestrel.ListenLocalhost(settings.Port, Endpoint);
                break;
            case "*":
                kestrel.ListenAnyIP(settings.Port, Endpoint);
                break;
            default:
                kestrel.Listen(IPAddress.Parse(settings.ListenAddress), settings.Port, Endpoint);
                break;
        }

        if (useTls)
        {
            HostingLog.ServingTls(logger, settings.ListenAddress, settings.Port);
        }
        else
        {
            HostingLog.ServingPlaintext(logger, settings.ListenAddress, settings.Port);
        }
    }
}
