using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Liaison.Gateway.Hosting.Internal;

/// <summary>Loads the server certificate named by <see cref="GatewayTlsOptions"/>, with one sentence per failure.</summary>
internal static class ServerCertificates
{
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

            // Exported and re-imported: on some platforms TLS cannot use the ephemeral key a PEM import gives.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
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
