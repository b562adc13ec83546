using Liaison.Gateway.Hosting;
using Liaison.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Liaison.Gateway.Auditing;

/// <summary>
/// Runs <see cref="AuditStartup"/> when the host starts. Registered after the store, so it starts
/// after the store opened; a failure stops the start-up, as a failed append fails what it records.
/// </summary>
public sealed class AuditStartupService(GatewayStoreHost storeHost, GatewayNodeHost nodeHost, IServiceProvider services) : IHostedService
{
    // The pseudonym key comes from the node's keys, which are loaded only when the host starts.
    public Task StartAsync(CancellationToken cancellationToken) =>
        AuditStartup.RecordAsync(storeHost.Store, nodeHost.Node, services.GetRequiredService<AuditPseudonyms>(), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
