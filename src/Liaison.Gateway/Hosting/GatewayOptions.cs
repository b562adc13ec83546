namespace Liaison.Gateway.Hosting;

/// <summary>
/// Who this gateway is and where it listens. Mutable, as the options pattern needs;
/// <see cref="GatewayOptionsValidator"/> checks it once at start-up. There is no
/// passphrase setting on purpose: configuration files are read by too many people, so
/// the key-file passphrase comes from a file or an environment variable only.
/// </summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "Gateway";

    /// <summary>The environment variable read for the passphrase when no file is given.</summary>
    public const string DefaultPassphraseVariable = "LIAISON_KEY_PASSPHRASE";

    /// <summary>This node's id in the agreement, e.g. "vn-laocai".</summary>
    public string NodeId { get; set; } = "";

    /// <summary>This node's encrypted private-key file (mode 0600).</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>A file holding the key-file passphrase (mode 0600); a trailing newline is ignored.</summary>
    public string PassphraseFile { get; set; } = "";

    /// <summary>The environment variable holding the passphrase when <see cref="PassphraseFile"/> is empty.</summary>
    public string PassphraseVariable { get; set; } = DefaultPassphraseVariable;

    /// <summary>The co-signed agreement: a SignedAgreement in protobuf JSON, as the liaison CLI writes it.</summary>
    public string AgreementFile { get; set; } = "";

    /// <summary>An IP address, "localhost" or "*" (every interface). Default: loopback only.</summary>
    public string ListenAddress { get; set; } = "localhost";

    /// <summary>The port for gRPC over HTTP/2; 0 picks a free one. Default 7443.</summary>
    public int Port { get; set; } = 7443;

    public GatewayTlsOptions Tls { get; set; } = new();

    /// <summary>Serves plaintext HTTP/2 when no certificate is configured. For development only; logged as a warning.</summary>
    public bool AllowPlaintextForDevelopment { get; set; }
}
