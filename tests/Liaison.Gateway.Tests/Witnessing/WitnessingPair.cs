using Liaison.Crypto.V1;
using Liaison.Gateway.Messaging;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Tests.Messaging;
using Liaison.Gateway.Witnessing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liaison.Gateway.Tests.Witnessing;

/// <summary>
/// Lao Cai and Yunnan in one process on the in-memory transport, joined by <see cref="InMemoryBorderLink"/>,
/// each witnessing the other with short intervals. Each store lives in a directory of this pair's,
/// kept after a gateway stops so that <c>audit verify</c> can read it.
/// </summary>
internal sealed class WitnessingPair : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = ExchangeScenario.Delivery;

    private readonly string root;
    private bool laoCaiStopped;

    private WitnessingPair(string root, ExchangeAgreement agreement, GatewayCore laoCai, GatewayCore yunnan, InMemoryBorderLink link)
    {
        this.root = root;
        Agreement = agreement;
        LaoCai = laoCai;
        Yunnan = yunnan;
        Link = link;
    }

    public ExchangeAgreement Agreement { get; }

    public GatewayCore LaoCai { get; }

    public GatewayCore Yunnan { get; }

    public InMemoryBorderLink Link { get; }

    public string LaoCaiDirectory => Path.Combine(root, TestParties.LaoCai);

    public static async Task<WitnessingPair> StartAsync(Suite suite)
    {
        var root = Directory.CreateTempSubdirectory("liaison-witnessing-").FullName;
        var agreement = ExchangeAgreement.For(suite);
        var laoCai = await StartCoreAsync(agreement, TestParties.LaoCai, root);
        var yunnan = await StartCoreAsync(agreement, TestParties.Yunnan, root);
        var link = new InMemoryBorderLink(new BorderSide(TestParties.LaoCai, laoCai.Bus), new BorderSide(TestParties.Yunnan, yunnan.Bus), NullLogger<InMemoryBorderLink>.Instance);
        await link.StartAsync(CancellationToken.None);
        return new WitnessingPair(root, agreement, laoCai, yunnan, link);
    }

    /// <summary>Stops Lao Cai's gateway (its store stays on disk), for <c>audit verify</c>.</summary>
    public async Task StopLaoCaiAsync()
    {
        await Link.StopAsync(CancellationToken.None);
        await LaoCai.DisposeAsync();
        laoCaiStopped = true;
        SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await Link.StopAsync(CancellationToken.None);
        if (!laoCaiStopped)
        {
            await LaoCai.DisposeAsync();
        }

        await Yunnan.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    private static Task<GatewayCore> StartCoreAsync(ExchangeAgreement agreement, string node, string root) =>
        GatewayCore.StartAsync(agreement.Agreement, node == TestParties.LaoCai ? agreement.LaoCai : agreement.Yunnan, broker: null, services =>
        {
            // After GatewayCore's own store settings, so this directory wins.
            services.Configure<StoreOptions>(o => o.DataDirectory = Path.Combine(root, node));
            services.AddGatewayWitnessing(o =>
            {
                o.Interval = TimeSpan.FromMilliseconds(200);
                o.PollInterval = TimeSpan.FromMilliseconds(50);
                o.ResendAfter = TimeSpan.FromSeconds(5);
            });
        });
}
