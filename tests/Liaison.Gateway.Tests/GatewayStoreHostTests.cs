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
}
