using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Liaison.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>
/// The gateway on Kestrel, as the demo and operators run it: gRPC over TLS with a certificate
/// from the development CA, given as PEM files or as an object, a client CA required with it
/// (the health check answers callers without a certificate), and no plaintext unless the
/// development switch is on.
/// </summary>
public sealed class TlsTests : IDisposable
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(1);
    private readonly NodeDirectory files = new();
    private readonly X509Certificate2 authority = DevelopmentCertificates.CreateAuthority("Liaison test CA", DateTimeOffset.UtcNow, Validity);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task KestrelServesGrpcOverTlsWithTheDevelopmentCertificateAndNotPlaintext(bool certificateFiles)
    {
        using var server = DevelopmentCertificates.CreateServerCertificate(authority, ["localhost"], DateTimeOffset.UtcNow, Validity);
        var settings = Settings();
        if (certificateFiles)
        {
            var (certificate, key) = (Path.Combine(files.Root, "tls.pem"), Path.Combine(files.Root, "tls.key"));
            DevelopmentCertificates.WritePem(server, certificate, key);
            settings["Gateway:Tls:CertificateFile"] = certificate;
            settings["Gateway:Tls:KeyFile"] = key;
        }

        await using var app = GatewayApplication.Build(new GatewayNodeMaterial(NodeDirectory.LaoCaiKeys, NodeDirectory.Agreement, certificateFiles ? null : server, ClientAuthority: authority), settings);
        await app.StartAsync();
        var address = new Uri(Assert.Single(app.Urls));
        Assert.Equal("https", address.Scheme);

        using var trusting = Channel(address, trust: authority);
        var health = await new Health.HealthClient(trusting).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        using var untrusting = Channel(address, trust: null);
        var untrusted = await Assert.ThrowsAsync<RpcException>(() => new Health.HealthClient(untrusting).CheckAsync(new HealthCheckRequest()).ResponseAsync);
        Assert.IsType<System.Security.Authentication.AuthenticationException>(untrusted.Status.DebugException?.InnerException);

        using var plaintext = Channel(new UriBuilder(address) { Scheme = "http" }.Uri, trust: null);
        var refused = await Assert.ThrowsAsync<RpcException>(() => new Health.HealthClient(plaintext).CheckAsync(new HealthCheckRequest()).ResponseAsync);
        Assert.NotEqual(StatusCode.OK, refused.StatusCode);

        await app.StopAsync();
    }

    [Fact]
    public void WithTlsButNoClientCaTheGatewayRefusesToStart()
    {
        using var server = DevelopmentCertificates.CreateServerCertificate(authority, ["localhost"], DateTimeOffset.UtcNow, Validity);

        var error = Assert.Throws<OptionsValidationException>(() => GatewayApplication.Build(new GatewayNodeMaterial(NodeDirectory.LaoCaiKeys, NodeDirectory.Agreement, server), Settings()));

        Assert.Equal(
            ["Gateway:Tls:ClientCaFile must name the PEM certificate of the CA that issues client certificates: every caller but the health check is authenticated by one."],
            error.Failures);
    }

    [Fact]
    public void WithoutACertificateAndWithoutTheDevelopmentSwitchTheGatewayRefusesToStart()
    {
        // Kestrel reads its options, and so validates the gateway's, as the application is built.
        var error = Assert.Throws<OptionsValidationException>(() => GatewayApplication.Build(new GatewayNodeMaterial(NodeDirectory.LaoCaiKeys, NodeDirectory.Agreement, null), Settings()));

        Assert.Equal(
            ["Gateway:Tls:CertificateFile must name the server certificate (PEM or PFX); plaintext is only served with Gateway:AllowPlaintextForDevelopment=true."],
            error.Failures);
    }

    public void Dispose()
    {
        authority.Dispose();
        files.Dispose();
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Gateway:ListenAddress"] = "127.0.0.1",
        ["Gateway:Port"] = "0",
        ["Store:DataDirectory"] = files.DataDirectory,
        ["Protection:KeyEncryptionKeyFile"] = files.KeyEncryptionKeyFile,
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    /// <summary>A real client over sockets; with <paramref name="trust"/>, that CA is the only root it accepts.</summary>
    private static GrpcChannel Channel(Uri address, X509Certificate2? trust)
    {
        var handler = new SocketsHttpHandler();
        if (trust is not null)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.Add(trust);
            handler.SslOptions.CertificateChainPolicy = policy;
        }

        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }
}
