using System.Globalization;
using Liaison.Gateway.FaultTests;
using Liaison.Gateway.V1;
using Liaison.Testing;
using RabbitMQ.Client;

namespace Liaison.Gateway.Tests.Attachments;

/// <summary>
/// Lao Cai's and Yunnan's gateways as real processes (<c>dotnet Liaison.Gateway.dll</c>) on
/// brokers A and B linked by the shovels, for one test. Holds <see cref="BrokerLink.LockAsync"/>
/// from before the purge of the liaison queues until both processes are gone, as every test on
/// the shared queues does.
/// </summary>
public sealed class AttachmentProcessPair : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private const string ErrorQueue = "liaison.inbound_error";

    private readonly IAsyncDisposable exclusive;
    private readonly string root;

    private AttachmentProcessPair(IAsyncDisposable exclusive, string root, GatewayProcess laoCai, GatewayProcess yunnan)
    {
        this.exclusive = exclusive;
        this.root = root;
        LaoCai = laoCai;
        Yunnan = yunnan;
    }

    public GatewayProcess LaoCai { get; }

    public GatewayProcess Yunnan { get; }

    public LiaisonAttachmentService.LiaisonAttachmentServiceClient LaoCaiAttachments => new(LaoCai.Channel);

    public LiaisonAttachmentService.LiaisonAttachmentServiceClient YunnanAttachments => new(Yunnan.Channel);

    public static async Task<AttachmentProcessPair> StartAsync(string scenario)
    {
        var link = await RabbitMqServers.LinkAsync();
        var exclusive = await BrokerLink.LockAsync(TimeSpan.FromMinutes(5));
        var root = Directory.CreateTempSubdirectory($"liaison-attachments-{scenario}-").FullName;
        GatewayProcess? laoCai = null;
        GatewayProcess? yunnan = null;
        try
        {
            await PurgeAsync(link.LaoCai, FaultParties.Yunnan);
            await PurgeAsync(link.Yunnan, FaultParties.LaoCai);
            laoCai = Create(FaultParties.LaoCai, link.LaoCai, root);
            yunnan = Create(FaultParties.Yunnan, link.Yunnan, root);
            await Task.WhenAll(laoCai.StartAsync(), yunnan.StartAsync());
            return new AttachmentProcessPair(exclusive, root, laoCai, yunnan);
        }
        catch
        {
            laoCai?.Dispose();
            yunnan?.Dispose();
            await exclusive.DisposeAsync();
            throw;
        }
    }

    public static ProcessMemory MemoryOf(GatewayProcess gateway) =>
        ProcessMemory.Read(gateway.ProcessId ?? throw new InvalidOperationException($"{gateway.NodeId}'s gateway is not running.\n{gateway.Tail()}"));

    public async ValueTask DisposeAsync()
    {
        try
        {
            LaoCai.Dispose();
            Yunnan.Dispose();
        }
        finally
        {
            await exclusive.DisposeAsync();
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; harmless.
        }
    }

    private static GatewayProcess Create(string node, RabbitMqBroker broker, string root)
    {
        var directory = Path.Combine(root, node);
        var files = FaultParties.Instance.WriteNodeFiles(node, directory);
        var port = GatewayProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Gateway__NodeId"] = node,
            ["Gateway__KeyFile"] = files.KeyFile,
            ["Gateway__PassphraseFile"] = files.PassphraseFile,
            ["Gateway__AgreementFile"] = files.AgreementFile,
            ["Gateway__ListenAddress"] = "127.0.0.1",
            ["Gateway__Port"] = port.ToString(CultureInfo.InvariantCulture),
            // Plaintext HTTP/2 on loopback; TLS is tested in HostingTests and TlsTests.
            ["Gateway__AllowPlaintextForDevelopment"] = "true",
            ["Store__Provider"] = "Sqlite",
            ["Store__DataDirectory"] = files.DataDirectory,
            ["Messaging__BrokerUri"] = broker.Uri.OriginalString,
            ["Serilog__MinimumLevel__Override__Microsoft.AspNetCore"] = "Warning",
            ["Messaging__OutboxBatchSize"] = "16",
            ["Messaging__PrefetchCount"] = "16",
        };
        return new GatewayProcess(node, environment, port, Path.Combine(directory, "gateway.log"));
    }

    /// <summary>Empties one side's queues (declaring the error queue as the gateway does, a quorum queue).</summary>
    private static async Task PurgeAsync(RabbitMqBroker broker, string peer)
    {
        var connection = await broker.ConnectAsync("liaison-tests: purge");
        await using (connection)
        {
            var channel = await connection.CreateChannelAsync();
            await using (channel)
            {
                await channel.QueueDeclareAsync(ErrorQueue, durable: true, exclusive: false, autoDelete: false, arguments: LiaisonTopology.QueueArguments());
                foreach (var queue in new[] { LiaisonTopology.InboundQueue, LiaisonTopology.OutboundQueue(peer), ErrorQueue })
                {
                    await channel.QueuePurgeAsync(queue);
                }
            }
        }
    }
}
