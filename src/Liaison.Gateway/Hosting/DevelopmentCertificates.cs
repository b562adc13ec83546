using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Liaison.Gateway.Hosting;

/// <summary>
/// A throwaway local certificate authority and server certificates for the demo and
/// for development, so that even those run over TLS. The CA's key never leaves memory
/// unless the caller writes it; production gateways use certificates from a real CA.
/// Stateless and thread-safe.
/// </summary>
public static class DevelopmentCertificates
{
    /// <summary>A self-signed CA certificate with its private key (ECDSA P-256), valid from <paramref name="now"/> minus an hour.</summary>
    public static X509Certificate2 CreateAuthority(string commonName, DateTimeOffset now, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        // An hour back, so that a clock a little behind still accepts it.
        return request.CreateSelfSigned(now.AddHours(-1), now.Add(validity));
    }

    /// <summary>A server certificate for <paramref name="dnsNames"/> (and the loopback addresses), signed by <paramref name="authority"/>, with its private key.</summary>
    public static X509Certificate2 CreateServerCertificate(X509Certificate2 authority, IReadOnlyList<string> dnsNames, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentOutOfRangeException.ThrowIfZero(dnsNames.Count);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames[0]}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var notAfter = now.Add(validity) < authority.NotAfter ? now.Add(validity) : authority.NotAfter;
        using var signed = request.Create(authority, now.AddHours(-1), notAfter, RandomNumberGenerator.GetBytes(16));
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>Writes a certificate as PEM and its private key as PKCS#8 PEM (mode 0600): the pair <see cref="GatewayTlsOptions"/> reads.</summary>
    public static void WritePem(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("The certificate has no ECDSA private key.", nameof(certificate));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(keyPath, System.Text.Encoding.ASCII, options);
        writer.Write(key.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
