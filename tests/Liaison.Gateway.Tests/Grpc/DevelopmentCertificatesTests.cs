using System.Security.Cryptography.X509Certificates;
using Liaison.Gateway.Hosting;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>The demo's local CA: a server certificate that chains to it and only to it.</summary>
public sealed class DevelopmentCertificatesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AServerCertificateChainsToTheLocalAuthorityAndNamesLocalhost()
    {
        using var authority = DevelopmentCertificates.CreateAuthority("Liaison demo CA", Now, TimeSpan.FromDays(30));
        using var server = DevelopmentCertificates.CreateServerCertificate(authority, ["localhost"], Now, TimeSpan.FromDays(7));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.AddDays(1).UtcDateTime;

        Assert.True(chain.Build(server), string.Join(" ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.True(server.HasPrivateKey);
        Assert.True(server.MatchesHostname("localhost"));
        Assert.False(server.MatchesHostname("example.org"));
    }

    [Fact]
    public void PemFilesRoundTripWithAPrivateKeyOnlyTheOwnerCanRead()
    {
        var dir = Directory.CreateTempSubdirectory("liaison-certs-").FullName;
        try
        {
            using var authority = DevelopmentCertificates.CreateAuthority("Liaison demo CA", Now, TimeSpan.FromDays(30));
            using var server = DevelopmentCertificates.CreateServerCertificate(authority, ["localhost"], Now, TimeSpan.FromDays(7));
            var (certificate, key) = (Path.Combine(dir, "server.pem"), Path.Combine(dir, "server.key"));

            DevelopmentCertificates.WritePem(server, certificate, key);

            using var loaded = X509Certificate2.CreateFromPemFile(certificate, key);
            Assert.Equal(server.Thumbprint, loaded.Thumbprint);
            Assert.True(loaded.HasPrivateKey);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
