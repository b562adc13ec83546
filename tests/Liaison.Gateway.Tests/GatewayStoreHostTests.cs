using Liaison.Gateway.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Tests;

public sealed class GatewayStoreHostTests
{
    [Fact]
    public async Task TheHostOpensTheStoreAtStartAndClosesItAtStop()
    {
        var directory = Directory.CreateTempSubdirectory("liaison-host-");
        try
        {
            var host = new GatewayStoreHost(Options.Create(new StoreOptions { DataDirectory = directory.FullName }), TimeProvider.System, NullLogger<GatewayStore>.Instance);
            Assert.Throws<InvalidOperationException>(() => host.Store);

            await host.StartAsync(CancellationToken.None);
            await host.Store.RecordUnreadableRejectionAsync(Envelope.V1.RejectionReason.Malformed);
            var store = host.Store;
            await host.StopAsync(CancellationToken.None);

            Assert.True(File.Exists(Path.Combine(directory.FullName, "gateway.db")));
            Assert.Throws<InvalidOperationException>(() => host.Store);
            Assert.Throws<ObjectDisposedException>(() => { _ = store.RecordUnreadableRejectionAsync(Envelope.V1.RejectionReason.Malformed); });
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AStopWhileAnotherIsClosingTheStoreReturnsOnlyOnceItIsClosed()
    {
        // As when WebApplicationFactory stops a host whose application is stopping it too: the
        // service provider disposes the store after the second stop returns, so that one must wait.
        var directory = Directory.CreateTempSubdirectory("liaison-host-");
        try
        {
            var host = new GatewayStoreHost(Options.Create(new StoreOptions { DataDirectory = directory.FullName }), TimeProvider.System, NullLogger<GatewayStore>.Instance);
            await host.StartAsync(CancellationToken.None);
            var inWriter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var release = new ManualResetEventSlim();
            var seals = 0;
            var held = host.Store.SubmitAsync(TestParties.Submission("held", [1]), _ =>
            {
                // The first seal is ahead of the writer, on this thread: failed, it is done again in the writer, and held there.
                if (Interlocked.Increment(ref seals) == 1)
                {
                    throw new InvalidOperationException("Not ahead: hold the writer itself.");
                }

                inWriter.SetResult();
                // A safety net so that a failing test cannot hang the writer, not a synchronisation delay.
                release.Wait(TimeSpan.FromMinutes(1));
                throw new Crypto.Envelopes.EnvelopeSealException("Held, then refused.");
            });
            await inWriter.Task;

            Task first;
            Task second;
            try
            {
                first = host.StopAsync(CancellationToken.None);
                second = host.StopAsync(CancellationToken.None);
                Assert.False(first.IsCompleted);
                Assert.False(second.IsCompleted);
            }
            finally
            {
                release.Set();
            }

            await Task.WhenAll(first, second);
            await Assert.ThrowsAsync<Crypto.Envelopes.EnvelopeSealException>(() => held);
            Assert.True(host.DisposeAsync().AsTask().IsCompletedSuccessfully);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
