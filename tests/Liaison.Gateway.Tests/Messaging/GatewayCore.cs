using Liaison.Crypto.Agreements;
using Liaison.Crypto.Keys;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Messaging;
using Liaison.Gateway.Storage;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Liaison.Gateway.Tests.Messaging;

/// <summary>
/// One gateway without its gRPC front: a generic host with its own SQLite store in a temp
/// directory, its node, the submitter, the outbox dispatcher and the consumers, on its own
/// broker (or the in-memory transport when <c>broker</c> is null).
/// <para>
/// Also compiled into tests/Liaison.Benchmarks (a linked file), whose <c>exchange</c> run
/// starts its two gateways exactly as these tests do: keep it free of test-only types.
/// </para>
/// </summary>
public sealed class GatewayCore : IAsyncDisposable
{
    private readonly IHost host;
    private readonly string directory;

    private GatewayCore(IHost host, string directory)
    {
        this.host = host;
        this.directory = directory;
    }

    public IServiceProvider Services => host.Services;

    public GatewayNode Node => host.Services.GetRequiredService<GatewayNode>();

    public IGatewayStore Store => host.Services.GetRequiredService<IGatewayStore>();

    public MessageSubmitter Submitter => host.Services.GetRequiredService<MessageSubmitter>();

    public IBus Bus => host.Services.GetRequiredService<IBus>();

    public InboxNotifier Inbox => host.Services.GetRequiredService<InboxNotifier>();

    /// <param name="configure">Last say over the services, e.g. a logging pipeline; the host has none by default.</param>
    /// <param name="time">The clock of the whole core (store timestamps, sealing, envelope expiry, receipts); default the system clock. Give two linked cores the same one.</param>
    public static async Task<GatewayCore> StartAsync(AgreementInForce agreement, KeyRing keys, Uri? broker, Action<IServiceCollection>? configure = null, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var directory = Directory.CreateTempSubdirectory("liaison-messaging-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(time);
        builder.Services.AddGatewayStore(o => o.DataDirectory = directory);
        // Personal columns encrypted, as in a real gateway, under a KEK of this core's own.
        builder.Services.AddSingleton(Gateway.Protection.FieldProtection.With(new Gateway.Protection.FixedKeyEncryptionKeys(Gateway.Protection.KeyEncryptionKey.Generate())));
        builder.Services.AddSingleton(new GatewayNode(agreement, keys, time));
        builder.Services.AddGatewayMessaging(new MessagingOptions
        {
            BrokerUri = broker,
            RetryMinInterval = TimeSpan.FromMilliseconds(50),
            RetryMaxInterval = TimeSpan.FromSeconds(1),
            PublishRetryBaseDelay = TimeSpan.FromMilliseconds(200),
            StartTimeout = TimeSpan.FromSeconds(20),
        });
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new GatewayCore(host, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
