namespace Liaison.Gateway.Hosting;

/// <summary>
/// The gateway's server certificate (a PEM certificate and key, or a PKCS#12 file), and the CA and
/// revocation list its callers' client certificates are checked against (deploy/access-control.md).
/// </summary>
public sealed class GatewayTlsOptions
{
    /// <summary>A PEM certificate (with its chain) or a .pfx/.p12 file.</summary>
    public string CertificateFile { get; set; } = "";

    /// <summary>The PEM private key of <see cref="CertificateFile"/>; empty for a PFX file.</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>A file holding the PFX password, if it has one.</summary>
    public string PasswordFile { get; set; } = "";

    /// <summary>
    /// PEM certificate(s) of the CA that issues client certificates (<c>liaison ca init</c>): every
    /// caller but the health check must present a certificate it issued. Required with TLS.
    /// </summary>
    public string ClientCaFile { get; set; } = "";

    /// <summary>
    /// The CA's certificate revocation list (PEM or DER, <c>liaison ca crl</c>); optional. Re-read when
    /// the file changes, so a revocation needs no restart; a list that fails to read or verify is
    /// logged and the previous one kept.
    /// </summary>
    public string ClientCrlFile { get; set; } = "";

    internal bool IsPkcs12 =>
        CertificateFile.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || CertificateFile.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);
}
