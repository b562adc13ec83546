using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Liaison.Crypto.Keys;
using Liaison.Gateway.Hosting;
using Liaison.Gateway.Messaging;
using Liaison.Gateway.Storage;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Liaison.Cli.Demo;

/// <summary>One running demo gateway: where it listens and its store, which the demo reads to check the audit trail.</summary>
internal sealed record DemoNode(string NodeId, Uri Address, string DataDirectory, WebApplication App)
{
    public IGatewayStore Store => App.Services.GetRequiredService<IGatewayStore>();

    /// <summary>The address as a user types it: https://127.0.0.1:PORT.</summary>
    public string Url => Address.GetLeftPart(UriPartial.Authority);
}

/// <summary>Where the demo's two gateways find their brokers: both null for MassTransit's in-memory transport.</summary>
internal sealed record DemoBrokers(Uri? LaoCai, Uri? Yunnan)
{
    public bool InMemory => LaoCai is null;
}

/// <summary>
/// Lao Cai's and Yunnan's gateways in this process, each a real gateway host built by
/// <see cref="GatewayApplication"/>: gRPC over TLS on loopback with a certificate from the
/// demo's own CA, which also issues the client certificates of the officers it plays (<see cref="DemoClients"/>), SQLite in DATA/NODE/, and messaging on its own broker or, without brokers,
/// on its own in-memory bus joined to the other by an <see cref="InMemoryBorderLink"/>.
/// </summary>
internal sealed class DemoGateways : IAsyncDisposable
{
    public const string AuthorityFileName = "demo-ca.pem";
    private static readonly TimeSpan CertificateValidity = TimeSpan.FromDays(30);

    private readonly List<DemoNode> started = [];
    private InMemoryBorderLink? link;

    private DemoGateways(string authorityPath) => AuthorityPath = authorityPath;

    /// <summary>The PEM certificate of the demo's CA, which both gateways' certificates chain to.</summary>
    public string AuthorityPath { get; }

    public DemoNode LaoCai => started[0];

    public DemoNode Yunnan => started[1];

    /// <summary>The officers the demo plays, with client certificates from its CA.</summary>
    public DemoClients Clients { get; private set; } = null!;

    /// <param name="port">Lao Cai's port, Yunnan's is the next one; 0 lets the system pick two free ports.</param>
    /// <param name="time">The gateways' clock. Certificates are issued on its real clock, which the CLI's TLS checks them against, and last as much longer as it is ahead.</param>
    public static async Task<DemoGateways> StartAsync(string dataDirectory, DemoIdentity identity, DemoBrokers brokers, int port, DemoClock time, CancellationToken cancellationToken)
    {
        var now = time.Real.GetUtcNow();
        var validity = CertificateValidity + time.Offset;
        using var authority = DevelopmentCertificates.CreateAuthority("Liaison demo CA", now, validity);
        DemoCapture.Current?.KeepPrivateKey(authority);
        var gateways = new DemoGateways(Path.Combine(dataDirectory, AuthorityFileName));
        await File.WriteAllTextAsync(gateways.AuthorityPath, authority.ExportCertificatePem() + "\n", cancellationToken);
        gateways.Clients = DemoClients.Issue(dataDirectory, authority, identity.LaoCai.Owner, identity.Yunnan.Owner, now);
        try
        {
            await gateways.StartNodeAsync(dataDirectory, identity.LaoCai, identity, brokers.LaoCai, port, authority, time, validity, cancellationToken);
            await gateways.StartNodeAsync(dataDirectory, identity.Yunnan, identity, brokers.Yunnan, port == 0 ? 0 : port + 1, authority, time, validity, cancellationToken);
            if (brokers.InMemory)
            {
                var (a, b) = (gateways.LaoCai.App.Services, gateways.Yunnan.App.Services);
                gateways.link = new InMemoryBorderLink(
                    new BorderSide(gateways.LaoCai.NodeId, a.GetRequiredService<IBus>()),
                    new BorderSide(gateways.Yunnan.NodeId, b.GetRequiredService<IBus>()),
                    a.GetRequiredService<ILogger<InMemoryBorderLink>>());
                await gateways.link.StartAsync(cancellationToken);
            }

            return gateways;
        }
        catch
        {
            await gateways.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the border link, then both gateways, each letting its work in hand finish.</summary>
    public async ValueTask DisposeAsync()
    {
        if (link is not null)
        {
            await link.StopAsync(CancellationToken.None);
        }

        foreach (var node in Enumerable.Reverse(started))
        {
            await node.App.StopAsync(CancellationToken.None);
            await node.App.DisposeAsync();
        }

        started.Clear();
    }

    private async Task StartNodeAsync(string dataDirectory, KeyRing keys, DemoIdentity identity, Uri? broker, int port, X509Certificate2 authority, DemoClock time, TimeSpan validity, CancellationToken cancellationToken)
    {
        var nodeDirectory = Directory.CreateDirectory(DemoIdentity.NodeDirectory(dataDirectory, keys.Owner)).FullName;
        using var certificate = DevelopmentCertificates.CreateServerCertificate(authority, ["localhost"], time.Real.GetUtcNow(), validity);
        DemoCapture.Current?.KeepPrivateKey(certificate);
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:ListenAddress"] = "127.0.0.1",
            ["Gateway:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Store:Provider"] = nameof(StoreProvider.Sqlite),
            ["Store:DataDirectory"] = nodeDirectory,
            // The demo officers' unit takes in the partner's cases too, so that each works both directions.
            ["Access:IntakeUnit"] = DemoClients.Unit,
            ["Protection:KeyEncryptionKeyFile"] = DemoKeyEncryptionKey(nodeDirectory),
            ["Messaging:BrokerUri"] = broker?.ToString(),

            // The walk-through tells the story; the gateways speak up only when something is wrong.
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        DemoCapture.Current?.AddLogging(settings, keys.Owner);
        var app = GatewayApplication.Build(new GatewayNodeMaterial(keys, identity.Agreement, certificate, ClientAuthority: authority), settings, time);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        DemoCapture.Current?.Observe(app.Services.GetRequiredService<IBus>());
        var address = new Uri(app.Urls.First());
        started.Add(new DemoNode(keys.Owner, address, nodeDirectory, app));
    }

    /// <summary>The node's key-encryption key file in its directory, made on the first run (mode 0600) and kept for the next.</summary>
    private static string DemoKeyEncryptionKey(string nodeDirectory)
    {
        var path = Path.Combine(nodeDirectory, "kek");
        if (!File.Exists(path))
        {
            Liaison.Gateway.Protection.KeyEncryptionKeyFile.Create(path);
        }

        return path;
    }
}
