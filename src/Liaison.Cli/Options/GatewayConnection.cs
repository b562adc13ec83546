using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Options;

/// <summary>
/// <c>--gateway</c> and <c>--ca</c>: which gateway the <c>message</c> commands call, and the CA
/// certificate that its TLS certificate must chain to (the demo prints the path of its own).
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

    public Option[] All => [Gateway, Authority];

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
        ArgumentNullException.ThrowIfNull(parse);
        var channel = Open(parse.GetRequiredValue(Gateway), parse.GetValue(Authority));
        return (channel, new LiaisonGatewayService.LiaisonGatewayServiceClient(channel));
    }

    /// <summary>A channel to <paramref name="address"/> that trusts only <paramref name="authorityPem"/>'s CA, or the system's CAs when null.</summary>
    public static GrpcChannel Open(Uri address, string? authorityPem)
    {
        ArgumentNullException.ThrowIfNull(address);
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (authorityPem is not null)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.Add(ReadAuthority(authorityPem));
            handler.SslOptions.CertificateChainPolicy = policy;
        }

        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = Liaison.Gateway.Extensions.GatewayHostExtensions.MaxRequestBytes,
            MaxSendMessageSize = Liaison.Gateway.Extensions.GatewayHostExtensions.MaxRequestBytes,
        });
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
