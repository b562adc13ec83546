using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Liaison.Gateway.Hosting.Internal;

/// <summary>Loads the server certificate named by <see cref="GatewayTlsOptions"/>, with one sentence per failure.</summary>
internal static class ServerCertificates
{
    /// <summary>
    /// A copy TLS can use: exported and re-imported, because on some platforms TLS cannot use
    /// the ephemeral key that a PEM import or a freshly generated certificate has.
    /// </summary>
    public static X509Certificate2 Usable(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);

    public static X509Certificate2 Load(GatewayTlsOptions tls)
    {
        try
        {
            if (tls.IsPkcs12)
            {
                var password = string.IsNullOrWhiteSpace(tls.PasswordFile) ? null : File.ReadAllText(tls.PasswordFile).TrimEnd('\r', '\n');
                return X509CertificateLoader.LoadPkcs12FromFile(tls.CertificateFile, password);
            }

            using var pem = X509Certificate2.CreateFromPemFile(tls.CertificateFile, tls.KeyFile);
            return Usable(pem);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GatewayStartupException($"The TLS certificate or key ('{tls.CertificateFile}', '{tls.KeyFile}') cannot be read: {ex.GetType().Name}.", ex);
        }
        catch (CryptographicException ex)
        {
            throw new GatewayStartupException($"The TLS certificate '{tls.CertificateFile}' and its key cannot be loaded (wrong format, wrong password or a key that does not match).", ex);
        }
    }
}
