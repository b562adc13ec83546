using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Liaison.Gateway.Hosting;
using Liaison.Gateway.Security;

namespace Liaison.Gateway.FaultTests;

/// <summary>
/// The tests' deployment CA, as <c>liaison ca init</c> would make it: it issues the gateways' TLS
/// server certificates and the callers' client certificates (<see cref="ClientCertificates"/>), one per
/// caller, valid from an hour ago for a day on the real clock. Generated once per run, in memory.
/// Also compiled into Liaison.Gateway.Tests (a linked file).
/// </summary>
public static class TestClientAuthority
{
    /// <summary>A supervisor of Lao Cai: may call every RPC the existing tests use, on cases of every unit.</summary>
    public static readonly Caller Supervisor = new("vn-laocai/supervisor-0001", CallerRole.Supervisor, "laocai-blo");

    private static readonly Lazy<X509Certificate2> Shared = new(() => DevelopmentCertificates.CreateAuthority("Liaison test deployment CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(7)));
    private static readonly ConcurrentDictionary<Caller, X509Certificate2> Issued = new();

    /// <summary>The CA certificate with its private key.</summary>
    public static X509Certificate2 Authority => Shared.Value;

    /// <summary>The client certificate (with its private key) of <paramref name="caller"/>, issued once per run.</summary>
    public static X509Certificate2 CertificateFor(Caller caller) =>
        Issued.GetOrAdd(caller, c => Usable(ClientCertificates.Issue(Authority, c, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1))));

    /// <summary>A server certificate for localhost and the loopback addresses.</summary>
    public static X509Certificate2 ServerCertificate() =>
        DevelopmentCertificates.CreateServerCertificate(Authority, ["localhost"], DateTimeOffset.UtcNow, TimeSpan.FromDays(1));

    /// <summary>Writes the CA certificate (no key) as PEM, for Gateway:Tls:ClientCaFile.</summary>
    public static void WriteAuthorityPem(string path) => File.WriteAllText(path, Authority.ExportCertificatePem() + "\n");

    /// <summary>
    /// A handler over real sockets that trusts only this CA for the server and presents
    /// <paramref name="client"/> (none when null) as its client certificate.
    /// </summary>
    public static SocketsHttpHandler Handler(X509Certificate2? client)
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificate(Authority.RawData));
        handler.SslOptions.CertificateChainPolicy = policy;
        if (client is not null)
        {
            // Chosen outright: SslStream would otherwise filter by the issuers the server lists.
            handler.SslOptions.ClientCertificates = [client];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => client;
        }

        return handler;
    }

    /// <summary>A copy TLS can use on every platform (a freshly generated key is ephemeral).</summary>
    public static X509Certificate2 Usable(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
