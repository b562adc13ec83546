using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Storage;

/// <summary>
/// Opens the store when the host starts, so that a database that cannot be
/// reached or migrated stops the gateway at start-up rather than at its first
/// message, and closes it (letting queued writes commit) when the host stops.
/// Registered first, it stops last, after the services that write to it.
/// </summary>
/// <param name="protection">The field-level encryption of personal columns; none when not registered (see deploy/data-protection.md).</param>
/// <param name="subjects">How the store's message entries name their case; without it they name none.</param>
public sealed class GatewayStoreHost(IOptions<StoreOptions> options, TimeProvider time, ILogger<GatewayStore> logger, Protection.FieldProtection? protection = null, IAuditSubjects? subjects = null) : IHostedService, IAsyncDisposable
{
    private GatewayStore? store;

    /// <exception cref="InvalidOperationException">The host has not started yet.</exception>
    public IGatewayStore Store => store ?? throw new InvalidOperationException("The gateway store opens when the host starts; it is not open yet.");

    public async Task StartAsync(CancellationToken cancellationToken) =>
        store = await GatewayStore.OpenAsync(options.Value, protection ?? Protection.FieldProtection.None, time, logger, subjects, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref store, null) is { } open)
        {
            await open.DisposeAsync();
        }
    }
}
