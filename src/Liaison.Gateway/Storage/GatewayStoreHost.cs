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
    private volatile bool stopped;

    /// <exception cref="InvalidOperationException">The host has not started yet, or has stopped.</exception>
    public IGatewayStore Store => !stopped && store is { } open ? open : throw new InvalidOperationException("The gateway store is open only between the host's start and its stop; it is not open now.");

    public async Task StartAsync(CancellationToken cancellationToken) =>
        store = await GatewayStore.OpenAsync(options.Value, protection ?? Protection.FieldProtection.None, time, logger, subjects, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    /// <summary>
    /// Closes the store; every caller, the first or a later one, returns only when it is closed,
    /// since each waits on the store's own close, which runs once. A host can be stopped twice at
    /// once (WebApplicationFactory stops it while the application's own Run stops it too:
    /// dotnet/aspnetcore#40271), and a second caller that returned at once would let the service
    /// provider dispose the store while the first still drains its writer.
    /// </summary>
    public ValueTask DisposeAsync()
    {
        stopped = true;
        return store?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
