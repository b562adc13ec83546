using System.Text;
using Testcontainers.RabbitMq;

namespace Liaison.Testing;

/// <summary>
/// The RabbitMQ brokers the tests run against: broker A is Lao Cai's (node vn-laocai),
/// broker B is Yunnan's (node cn-yunnan).
/// <list type="number">
/// <item>If <c>LIAISON_TEST_RABBITMQ</c> (A) or <c>LIAISON_TEST_RABBITMQ_B</c> (B) is set, that broker is
/// used; it must answer, or every test that needs it fails with the URI (password masked).</item>
/// <item>Otherwise Testcontainers starts <see cref="ContainerImage"/>.</item>
/// <item>Otherwise the tests fail with a message that says how to provide brokers; they never skip.</item>
/// </list>
/// The two-broker link (<see cref="LinkAsync"/>) needs the environment variables: Testcontainers
/// cannot set up the shovels between two containers.
/// </summary>
public static class RabbitMqServers
{
    /// <summary>AMQP URI of broker A, Lao Cai's.</summary>
    public const string BrokerAVariable = "LIAISON_TEST_RABBITMQ";

    /// <summary>AMQP URI of broker B, Yunnan's.</summary>
    public const string BrokerBVariable = "LIAISON_TEST_RABBITMQ_B";

    /// <summary>rabbitmqctl node name of broker A (scripts/services.sh sets it).</summary>
    public const string CtlAVariable = "LIAISON_TEST_RABBITMQCTL_A";

    /// <summary>rabbitmqctl node name of broker B (scripts/services.sh sets it).</summary>
    public const string CtlBVariable = "LIAISON_TEST_RABBITMQCTL_B";

    /// <summary>The pinned image Testcontainers starts when no broker is given.</summary>
    public const string ContainerImage = "rabbitmq:3.13.7-management";

    private const string ContainerUser = "liaison";
    private const string ContainerPassword = "liaison-dev";

    private static readonly Lazy<Task<RabbitMqBroker>> BrokerA =
        new(() => ResolveAsync(BrokerAVariable, CtlAVariable, Environment.GetEnvironmentVariable, StartContainerAsync));

    private static readonly Lazy<Task<RabbitMqBroker>> BrokerB =
        new(() => ResolveAsync(BrokerBVariable, CtlBVariable, Environment.GetEnvironmentVariable, StartContainerAsync));

    private static readonly Lazy<Task<BrokerLink>> Link =
        new(() => ResolveLinkAsync(Environment.GetEnvironmentVariable));

    // Started containers live as long as the test process; Testcontainers' reaper removes them.
    private static readonly List<RabbitMqContainer> Containers = [];

    /// <summary>Broker A (Lao Cai), resolved once per test process.</summary>
    public static Task<RabbitMqBroker> BrokerAAsync() => BrokerA.Value;

    /// <summary>Broker B (Yunnan), resolved once per test process.</summary>
    public static Task<RabbitMqBroker> BrokerBAsync() => BrokerB.Value;

    /// <summary>
    /// Brokers A and B linked by the shovels of deploy/rabbitmq/, with rabbitmqctl access to
    /// stop and restore a shovel. Needs LIAISON_TEST_RABBITMQ, LIAISON_TEST_RABBITMQ_B,
    /// LIAISON_TEST_RABBITMQCTL_A and LIAISON_TEST_RABBITMQCTL_B (scripts/services.sh sets them all).
    /// </summary>
    public static Task<BrokerLink> LinkAsync() => Link.Value;

    /// <summary>
    /// Resolves one broker from <paramref name="variable"/> in <paramref name="environment"/>, checking
    /// that it answers; without it, from <paramref name="startContainer"/>; failing that, throws
    /// <see cref="TestServiceUnavailableException"/> saying how to provide one.
    /// </summary>
    public static async Task<RabbitMqBroker> ResolveAsync(
        string variable,
        string ctlVariable,
        Func<string, string?> environment,
        Func<CancellationToken, Task<RabbitMqBroker>>? startContainer,
        TimeSpan? reachableWithin = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var value = environment(variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            var ctlNode = environment(ctlVariable);
            var broker = new RabbitMqBroker(ParseUri(variable, value), variable, string.IsNullOrWhiteSpace(ctlNode) ? null : ctlNode);
            await CheckReachableAsync(broker, variable, reachableWithin ?? ReachableWithin, cancellationToken);
            return broker;
        }

        if (startContainer is null)
        {
            throw new TestServiceUnavailableException(
                $"No RabbitMQ broker: {variable} is not set.\n{TestServiceUnavailableException.HowToProvide}");
        }

        try
        {
            return await startContainer(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new TestServiceUnavailableException(
                $"No RabbitMQ broker: {variable} is not set, and Testcontainers could not start {ContainerImage}: "
                + $"{Describe(e)}\n{TestServiceUnavailableException.HowToProvide}",
                e);
        }
    }

    /// <summary>
    /// Resolves the linked pair from the environment only, checking both brokers answer and
    /// that each has its shovel defined.
    /// </summary>
    public static async Task<BrokerLink> ResolveLinkAsync(Func<string, string?> environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string[] needed = [BrokerAVariable, BrokerBVariable, CtlAVariable, CtlBVariable];
        var missing = needed.Where(v => string.IsNullOrWhiteSpace(environment(v))).ToList();
        if (missing.Count > 0)
        {
            throw new TestServiceUnavailableException(
                "The two-broker link tests need two RabbitMQ brokers linked by the shovels of deploy/rabbitmq/ and "
                + $"rabbitmqctl access to them; not set: {string.Join(", ", missing)}. Testcontainers cannot set up "
                + $"the shovel link between two containers.\n{TestServiceUnavailableException.HowToProvide}");
        }

        var laoCai = await ResolveAsync(BrokerAVariable, CtlAVariable, environment, null, cancellationToken: cancellationToken);
        var yunnan = await ResolveAsync(BrokerBVariable, CtlBVariable, environment, null, cancellationToken: cancellationToken);
        var link = new BrokerLink(laoCai, new RabbitMqCtl(laoCai.CtlNode!), yunnan, new RabbitMqCtl(yunnan.CtlNode!));
        await link.CheckShovelsDefinedAsync(cancellationToken);
        return link;
    }

    private static Uri ParseUri(string variable, string value)
    {
        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps")
        {
            return uri;
        }

        throw new TestServiceUnavailableException(
            $"{variable} is set to \"{Redact.AmqpUri(value)}\", which is not an AMQP URI "
            + $"(amqp://user:password@host:port/vhost).\n{TestServiceUnavailableException.HowToProvide}");
    }

    /// <summary>
    /// How long a broker may take to answer before the tests give up on it: long enough for
    /// a broker another test process is restarting to come back (about ten seconds here).
    /// </summary>
    public static readonly TimeSpan ReachableWithin = TimeSpan.FromSeconds(60);

    private static async Task CheckReachableAsync(RabbitMqBroker broker, string variable, TimeSpan within, CancellationToken cancellationToken)
    {
        Exception? last = null;
        try
        {
            await Polling.UntilAsync(
                async () =>
                {
                    try
                    {
                        var connection = await broker.ConnectAsync("liaison-tests: reachability check", cancellationToken);
                        await connection.DisposeAsync();
                        return true;
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        last = e;
                        return false;
                    }
                },
                within,
                $"a RabbitMQ broker answering at {broker.DisplayUri}",
                cancellationToken);
        }
        catch (TimeoutException timeout)
        {
            throw new TestServiceUnavailableException(
                $"{variable} is set to {broker.DisplayUri}, but no RabbitMQ broker answers there (tried for "
                + $"{within.TotalSeconds:0.#} s): {Describe(last ?? timeout)}\n"
                + "If it is scripts/services.sh's broker, run ./scripts/services.sh again (it restarts what is down).\n"
                + TestServiceUnavailableException.HowToProvide,
                last ?? timeout);
        }
    }

    private static async Task<RabbitMqBroker> StartContainerAsync(CancellationToken cancellationToken)
    {
        var container = new RabbitMqBuilder(ContainerImage)
            .WithUsername(ContainerUser)
            .WithPassword(ContainerPassword)
            .Build();
        lock (Containers)
        {
            Containers.Add(container);
        }

        await container.StartAsync(cancellationToken);
        foreach (var command in new[]
        {
            new[] { "rabbitmqctl", "add_vhost", LiaisonTopology.VirtualHost },
            ["rabbitmqctl", "set_permissions", "-p", LiaisonTopology.VirtualHost, ContainerUser, ".*", ".*", ".*"],
        })
        {
            var result = await container.ExecAsync(command, cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"{string.Join(' ', command)} in the container failed: {result.Stderr}");
            }
        }

        var uri = new UriBuilder(new Uri(container.GetConnectionString())) { Path = "/" + LiaisonTopology.VirtualHost }.Uri;
        var broker = new RabbitMqBroker(uri, "Testcontainers " + ContainerImage, ctlNode: null);

        // The queues of deploy/rabbitmq/ (both sides' outbound queues, one inbound queue), unlinked.
        var connection = await broker.ConnectAsync("liaison-tests: topology", cancellationToken);
        await using (connection)
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await using (channel)
            {
                await LiaisonTopology.DeclareSideAsync(channel, LiaisonTopology.YunnanNode, cancellationToken);
                await LiaisonTopology.DeclareSideAsync(channel, LiaisonTopology.LaoCaiNode, cancellationToken);
            }
        }

        return broker;
    }

    /// <summary>An exception and its inner exceptions: the first line of each, passwords masked.</summary>
    internal static string Describe(Exception exception)
    {
        var text = new StringBuilder();
        string? previous = null;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var line = Redact.AmqpUri(e.Message.Split('\n', 2)[0].Trim());
            if (line == previous)
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(" <- ");
            }

            text.Append(e.GetType().Name).Append(": ").Append(line);
            previous = line;
        }

        return text.ToString();
    }
}
