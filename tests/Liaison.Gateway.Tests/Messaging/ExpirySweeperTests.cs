using Liaison.Gateway.Messaging;
using Liaison.Gateway.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Tests.Messaging;

public sealed class ExpirySweeperTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("liaison-expiry-");
    private readonly TestParties parties = new();
    private GatewayStoreHost host = null!;

    public async Task InitializeAsync()
    {
        host = new GatewayStoreHost(Options.Create(new StoreOptions { DataDirectory = directory.FullName }), parties.Time, NullLogger<GatewayStore>.Instance);
        await host.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }

    public void Dispose() => host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Fact]
    public async Task AMessageWithoutAReceiptExpiresOnlyOnceItsExpiryAndTheGraceHavePassed()
    {
        var grace = TimeSpan.FromMinutes(5);
        var sweeper = new ExpirySweeper(host, parties.Time, Options.Create(new MessagingOptions { ExpiryGrace = grace }), NullLogger<ExpirySweeper>.Instance);
        var payload = TestParties.Payload(256, 1);
        var submission = TestParties.Submission("req-expiring", payload);
        var sent = (await host.Store.SubmitAsync(submission, parties.SealFor(submission, payload, TimeSpan.FromHours(1)))).Message;

        parties.Time.SetUtcNow(sent.ExpiresAt + grace - TimeSpan.FromSeconds(1));
        Assert.Empty(await sweeper.SweepOnceAsync(CancellationToken.None));
        Assert.Equal(MessageState.Sealed, (await host.Store.GetAsync(sent.EnvelopeId))!.State);

        parties.Time.SetUtcNow(sent.ExpiresAt + grace + TimeSpan.FromSeconds(1));
        Assert.Equal([sent.EnvelopeId], await sweeper.SweepOnceAsync(CancellationToken.None));
        Assert.Equal(MessageState.Expired, (await host.Store.GetAsync(sent.EnvelopeId))!.State);
        Assert.Empty(await host.Store.ClaimDueOutboxAsync(10, parties.Time.GetUtcNow()));
    }

    [Fact]
    public void ANegativeGraceOrAZeroSweepIntervalIsRefusedAtStartUp()
    {
        var result = new MessagingOptionsValidator().Validate(null, new MessagingOptions { ExpiryGrace = TimeSpan.FromSeconds(-1), ExpirySweepInterval = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("ExpiryGrace", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("ExpirySweepInterval", StringComparison.Ordinal));
    }
}
