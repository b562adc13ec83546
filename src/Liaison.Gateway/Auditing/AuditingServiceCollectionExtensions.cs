using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Gateway.Auditing;

/// <summary>Registers the audit trail of non-message events and the start-up entries.</summary>
public static class AuditingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="AuditPseudonyms"/> (from the node's keys), <see cref="AuditTrail"/> and the
    /// start-up entries. Call after the store and the node are registered: the start-up entries
    /// are written by a hosted service that must start after the store's.
    /// </summary>
    public static IServiceCollection AddGatewayAuditing(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => AuditPseudonyms.FromNodeKeys(sp.GetRequiredService<GatewayNode>().Keys));
        // The store opens before the node's keys are loaded; its first message comes after.
        services.AddSingleton<IAuditSubjects>(sp => new LazyAuditSubjects(() => sp.GetRequiredService<AuditPseudonyms>()));
        services.AddSingleton(sp => new AuditTrail(sp.GetRequiredService<GatewayStoreHost>().Store, sp.GetRequiredService<AuditPseudonyms>()));
        services.AddHostedService<AuditStartupService>();
        return services;
    }
}
