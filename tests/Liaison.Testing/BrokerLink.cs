using RabbitMQ.Client;

namespace Liaison.Testing;

/// <summary>
/// Lao Cai's broker (A) and Yunnan's broker (B), linked both ways by the dynamic shovels of
/// deploy/rabbitmq/: A's <c>liaison.outbound.cn-yunnan</c> → B's <c>liaison.inbound</c>, and
/// B's <c>liaison.outbound.vn-laocai</c> → A's <c>liaison.inbound</c>.
/// Get it from <see cref="RabbitMqServers.LinkAsync"/>.
/// </summary>
public sealed class BrokerLink
{
    private const string ShovelComponent = "shovel";

    public BrokerLink(RabbitMqBroker laoCai, RabbitMqCtl laoCaiCtl, RabbitMqBroker yunnan, RabbitMqCtl yunnanCtl)
    {
        ArgumentNullException.ThrowIfNull(laoCai);
        ArgumentNullException.ThrowIfNull(laoCaiCtl);
        ArgumentNullException.ThrowIfNull(yunnan);
        ArgumentNullException.ThrowIfNull(yunnanCtl);
        LaoCai = laoCai;
        LaoCaiCtl = laoCaiCtl;
        Yunnan = yunnan;
        YunnanCtl = yunnanCtl;
    }

    /// <summary>Broker A, Lao Cai's (node vn-laocai).</summary>
    public RabbitMqBroker LaoCai { get; }

    /// <summary>rabbitmqctl for broker A.</summary>
    public RabbitMqCtl LaoCaiCtl { get; }

    /// <summary>Broker B, Yunnan's (node cn-yunnan).</summary>
    public RabbitMqBroker Yunnan { get; }

    /// <summary>rabbitmqctl for broker B.</summary>
    public RabbitMqCtl YunnanCtl { get; }

    /// <summary>The broker of <paramref name="node"/> (vn-laocai or cn-yunnan).</summary>
    public RabbitMqBroker BrokerOf(string node) => node switch
    {
        LiaisonTopology.LaoCaiNode => LaoCai,
        LiaisonTopology.YunnanNode => Yunnan,
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "not a node of the link"),
    };

    /// <summary>rabbitmqctl for the broker of <paramref name="node"/>.</summary>
    public RabbitMqCtl CtlOf(string node) => node switch
    {
        LiaisonTopology.LaoCaiNode => LaoCaiCtl,
        LiaisonTopology.YunnanNode => YunnanCtl,
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "not a node of the link"),
    };

    /// <summary>The other node of the link.</summary>
    public static string PeerOf(string node) => node switch
    {
        LiaisonTopology.LaoCaiNode => LiaisonTopology.YunnanNode,
        LiaisonTopology.YunnanNode => LiaisonTopology.LaoCaiNode,
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "not a node of the link"),
    };

    /// <summary>
    /// Exclusive use of the linked queues, across test classes and test processes (`dotnet test`
    /// runs test projects in parallel): a lock file in the temp folder. Hold it while a test
    /// purges, fills or drains the shovelled queues, and while it uses a broker at all if
    /// another test may stop it (the fault tests restart brokers A and B while holding it).
    /// </summary>
    public static async Task<IAsyncDisposable> LockAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Path.GetTempPath(), "liaison-tests-broker-link.lock");
        FileStream? held = null;
        await Polling.UntilAsync(
            () =>
            {
                try
                {
                    held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return true;
                }
                catch (IOException)
                {
                    return false;
                }
            },
            timeout,
            $"exclusive use of the linked brokers' queues (lock file {path}, held by another test)",
            cancellationToken);
        return held!;
    }

    /// <summary>
    /// Stops the shovel on <paramref name="fromNode"/>'s broker (the link towards its peer) by
    /// clearing its runtime parameter, as an operator would, and waits until it no longer
    /// consumes the outbound queue. Dispose the result (in a finally) to put it back exactly as it was.
    /// </summary>
    public async Task<ShovelSuspension> SuspendShovelAsync(string fromNode, CancellationToken cancellationToken = default)
    {
        var ctl = CtlOf(fromNode);
        var peer = PeerOf(fromNode);
        var name = LiaisonTopology.ShovelTo(peer);
        var definition = await ctl.GetParameterAsync(LiaisonTopology.VirtualHost, ShovelComponent, name, cancellationToken)
            ?? throw new InvalidOperationException(
                $"Shovel {name} is not defined on {ctl.Node}; run ./scripts/services.sh to re-import deploy/rabbitmq/{fromNode}.definitions.json.");
        var suspension = new ShovelSuspension(this, fromNode, name, definition);
        await ctl.ClearParameterAsync(LiaisonTopology.VirtualHost, ShovelComponent, name, cancellationToken);
        await Polling.UntilAsync(
            () => ConsumerCountAsync(fromNode, LiaisonTopology.OutboundQueue(peer), cancellationToken),
            count => count == 0,
            TimeSpan.FromSeconds(30),
            $"shovel {name} on {ctl.Node} to stop consuming {LiaisonTopology.OutboundQueue(peer)}",
            cancellationToken);
        return suspension;
    }

    /// <summary>Sets a shovel's parameter back and waits until it consumes its outbound queue again.</summary>
    internal async Task RestoreShovelAsync(string fromNode, string name, string definition, CancellationToken cancellationToken)
    {
        var ctl = CtlOf(fromNode);
        await ctl.SetParameterAsync(LiaisonTopology.VirtualHost, ShovelComponent, name, definition, cancellationToken);
        await Polling.UntilAsync(
            () => ConsumerCountAsync(fromNode, LiaisonTopology.OutboundQueue(PeerOf(fromNode)), cancellationToken),
            count => count > 0,
            TimeSpan.FromSeconds(60),
            $"shovel {name} on {ctl.Node} to consume {LiaisonTopology.OutboundQueue(PeerOf(fromNode))} again",
            cancellationToken);
    }

    /// <summary>Fails early, with the fix, if a shovel is missing (e.g. a killed test run left it cleared).</summary>
    internal async Task CheckShovelsDefinedAsync(CancellationToken cancellationToken)
    {
        foreach (var node in new[] { LiaisonTopology.LaoCaiNode, LiaisonTopology.YunnanNode })
        {
            var ctl = CtlOf(node);
            var name = LiaisonTopology.ShovelTo(PeerOf(node));
            string? definition;
            try
            {
                definition = await ctl.GetParameterAsync(LiaisonTopology.VirtualHost, ShovelComponent, name, cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
            {
                throw new TestServiceUnavailableException(
                    $"rabbitmqctl cannot reach {ctl.Node} ({(node == LiaisonTopology.LaoCaiNode ? RabbitMqServers.CtlAVariable : RabbitMqServers.CtlBVariable)}): "
                    + $"{e.Message}\n{TestServiceUnavailableException.HowToProvide}",
                    e);
            }

            if (definition is null)
            {
                throw new TestServiceUnavailableException(
                    $"Shovel {name} is not defined on {ctl.Node}. Run ./scripts/services.sh (it re-imports "
                    + $"deploy/rabbitmq/{node}.definitions.json).");
            }
        }
    }

    /// <summary>Messages ready in a queue on <paramref name="node"/>'s broker.</summary>
    public async Task<uint> MessageCountAsync(string node, string queue, CancellationToken cancellationToken = default) =>
        (await DeclarePassiveAsync(node, queue, cancellationToken)).MessageCount;

    /// <summary>Consumers of a queue on <paramref name="node"/>'s broker (a running shovel is one).</summary>
    public async Task<uint> ConsumerCountAsync(string node, string queue, CancellationToken cancellationToken = default) =>
        (await DeclarePassiveAsync(node, queue, cancellationToken)).ConsumerCount;

    private async Task<QueueDeclareOk> DeclarePassiveAsync(string node, string queue, CancellationToken cancellationToken)
    {
        var connection = await BrokerOf(node).ConnectAsync("liaison-tests: queue status", cancellationToken);
        await using (connection)
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await using (channel)
            {
                return await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            }
        }
    }
}

/// <summary>A stopped shovel; disposing it restores the shovel exactly as it was defined.</summary>
public sealed class ShovelSuspension : IAsyncDisposable
{
    private readonly BrokerLink link;
    private readonly string fromNode;
    private readonly string definition;
    private bool restored;

    internal ShovelSuspension(BrokerLink link, string fromNode, string name, string definition)
    {
        this.link = link;
        this.fromNode = fromNode;
        Name = name;
        this.definition = definition;
    }

    /// <summary>The shovel's name, e.g. liaison-to-cn-yunnan.</summary>
    public string Name { get; }

    /// <summary>Restores the shovel and waits until it runs again. Idempotent.</summary>
    public async Task RestoreAsync(CancellationToken cancellationToken = default)
    {
        if (restored)
        {
            return;
        }

        await link.RestoreShovelAsync(fromNode, Name, definition, cancellationToken);
        restored = true;
    }

    public async ValueTask DisposeAsync() => await RestoreAsync();
}
