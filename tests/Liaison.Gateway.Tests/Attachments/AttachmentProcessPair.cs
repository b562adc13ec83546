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
        // The lock first: the fault tests restart brokers while holding it.
        var exclusive = await BrokerLink.LockAsync(TimeSpan.FromMinutes(5));
        var root = Directory.CreateTempSubdirectory($"liaison-attachments-{scenario}-").FullName;
        GatewayProcess? laoCai = null;
        GatewayProcess? yunnan = null;
        try
        {
            var link = await RabbitMqServers.LinkAsync();
            await LiaisonTopology.PurgeAsync(link);
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

    private static GatewayProcess Create(string node, RabbitMqBroker broker, string root) =>
        GatewayProcess.Create(node, broker, Path.Combine(root, node), new Dictionary<string, string>
        {
            ["Messaging__OutboxBatchSize"] = "16",
            ["Messaging__PrefetchCount"] = "16",
        });
}
