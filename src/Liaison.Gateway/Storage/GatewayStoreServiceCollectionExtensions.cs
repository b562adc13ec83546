using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Storage;

/// <summary>Registers the gateway store.</summary>
public static class GatewayStoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IGatewayStore"/>, opened by <see cref="GatewayStoreHost"/> when the
    /// host starts, with <see cref="StoreOptions"/> validated at start-up. Uses the
    /// registered <see cref="TimeProvider"/>, or the system clock.
    /// </summary>
    public static IServiceCollection AddGatewayStore(this IServiceCollection services, Action<StoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<StoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<GatewayStoreHost>();
        services.AddHostedService(sp => sp.GetRequiredService<GatewayStoreHost>());
        services.AddSingleton(sp => sp.GetRequiredService<GatewayStoreHost>().Store);
        return services;
    }
}
