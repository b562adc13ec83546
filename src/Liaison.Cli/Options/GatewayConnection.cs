using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Options;

/// <summary>
/// <c>--gateway</c>, <c>--ca</c>, <c>--client-cert</c> and <c>--client-key</c>: which gateway the
/// commands call, the CA certificate that its TLS certificate must chain to (the demo prints the
/// path of its own), and the client certificate that says who is calling (<c>liaison ca issue</c>
/// writes one; without it the gateway answers nothing but its health check).
/// </summary>
internal sealed class GatewayConnection
{
    public Option<Uri> Gateway { get; } = new("--gateway")
    {
        Description = "The gateway's address, e.g. https://127.0.0.1:7443.",
        HelpName = "url",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
            {
                return uri;
            }

            result.AddError($"'{text}' is not a gateway address: use https://host:port.");
            return null;
        },
    };

    public Option<string> Authority { get; } = new("--ca")
    {
        Description = "A PEM file with the CA certificate the gateway's certificate must chain to (default: the system's trusted CAs).",
        HelpName = "ca.pem",
    };

    public Option<string> ClientCertificate { get; } = new("--client-cert")
    {
        Description = "A PEM file with your client certificate, as 'liaison ca issue' writes it (NAME.pem). The gateway serves nothing but its health check without one.",
        HelpName = "cert.pem",
    };

    public Option<string> ClientKey { get; } = new("--client-key")
    {
        Description = "The PEM private key of --client-cert (NAME.key, mode 0600). Default: a key in the --client-cert file itself.",
        HelpName = "key.pem",
    };

    public Option[] All => [Gateway, Authority, ClientCertificate, ClientKey];

    /// <summary>The argument naming one message: its envelope id or its resource name.</summary>
    public static Argument<string> MessageArgument() => new("message")
    {
        Description = "The message's envelope id, or its name messages/<envelope-id>.",
    };

    /// <summary>"messages/{id}" for a bare envelope id; a name is kept as it is.</summary>
    public static string MessageName(string idOrName)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        return idOrName.StartsWith("messages/", StringComparison.Ordinal) ? idOrName : "messages/" + idOrName;
    }

    /// <summary>A client of the gateway named on the command line. Dispose the channel after use.</summary>
    public (GrpcChannel Channel, LiaisonGatewayService.LiaisonGatewayServiceClient Client) Connect(ParseResult parse)
    {
        var channel = OpenChannel(parse);
        return (channel, new LiaisonGatewayService.LiaisonGatewayServiceClient(channel));
    }

    /// <summary>A channel to the gateway named on the command line, as the client certificate given. Dispose it after use.</summary>
    public GrpcChannel OpenChannel(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var certificate = parse.GetValue(ClientCertificate);
        var key = parse.GetValue(ClientKey);
        if (certificate is null && key is not null)
        {
            throw new CliException("--client-key needs --client-cert, the certificate it belongs to.");
        }

        var client = certificate is null ? null : ReadClientCertificate(certificate, key);
        return Open(parse.GetRequiredValue(Gateway), parse.GetValue(Authority), client);
    }

    /// <summary>
    /// A channel to <paramref name="address"/> that trusts only <paramref name="authorityPem"/>'s CA, or
    /// the system's CAs when null, and presents <paramref name="client"/> as its client certificate.
    /// </summary>
    public static GrpcChannel Open(Uri address, string? authorityPem, X509Certificate2? client = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (authorityPem is not null)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.Add(ReadAuthority(authorityPem));
            handler.SslOptions.CertificateChainPolicy = policy;
        }

        if (client is not null)
        {
            // Chosen outright: SslStream would otherwise filter it by the issuers the server lists.
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => client;
        }

        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = Liaison.Gateway.Extensions.GatewayHostExtensions.MaxRequestBytes,
            MaxSendMessageSize = Liaison.Gateway.Extensions.GatewayHostExtensions.MaxRequestBytes,
        });
    }

    /// <summary>A client certificate and its private key from PEM files (the key may sit in the certificate file), in a form TLS can use.</summary>
    public static X509Certificate2 ReadClientCertificate(string certificatePath, string? keyPath)
    {
        ArgumentNullException.ThrowIfNull(certificatePath);
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath ?? certificatePath);
            // Exported and imported again: TLS on some platforms cannot use a PEM import's ephemeral key.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"The client certificate or key file does not exist ('{certificatePath}'{(keyPath is null ? "" : $", '{keyPath}'")}).", ex);
        }
        catch (CryptographicException ex)
        {
            throw new CliException(keyPath is null
                ? $"'{certificatePath}' does not hold a PEM client certificate with its private key; give the key with --client-key."
                : $"'{certificatePath}' and '{keyPath}' are not a PEM client certificate and its matching private key.", ex);
        }
    }

    private static X509Certificate2 ReadAuthority(string path)
    {
        var pem = File.ReadAllText(path);
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            throw new CliException($"'{path}' does not hold a PEM certificate (-----BEGIN CERTIFICATE-----).", ex);
        }
    }
}
