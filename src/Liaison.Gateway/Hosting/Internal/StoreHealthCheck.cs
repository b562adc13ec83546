using Liaison.Gateway.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Liaison.Gateway.Hosting.Internal;

/// <summary>Serving once the store has opened (and migrated) at start-up, and until it closes at shutdown.</summary>
internal sealed class StoreHealthCheck(GatewayStoreHost store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = store.Store;
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (InvalidOperationException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The gateway store is not open."));
        }
    }
}
