namespace Liaison.Gateway.Hosting;

/// <summary>The gateway's server certificate: a PEM certificate and key, or a PKCS#12 (PFX) file.</summary>
public sealed class GatewayTlsOptions
{
    /// <summary>A PEM certificate (with its chain) or a .pfx/.p12 file.</summary>
    public string CertificateFile { get; set; } = "";

    /// <summary>The PEM private key of <see cref="CertificateFile"/>; empty for a PFX file.</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>A file holding the PFX password, if it has one.</summary>
    public string PasswordFile { get; set; } = "";

    internal bool IsPkcs12 =>
        CertificateFile.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || CertificateFile.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);
}
