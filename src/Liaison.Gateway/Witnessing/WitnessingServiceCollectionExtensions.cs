using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Witnessing;

/// <summary>Registers cross-witnessing of the audit logs.</summary>
public static class WitnessingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="WitnessingService"/> with <see cref="WitnessingOptions"/> from the "Witnessing"
    /// section, validated at start-up. Needs the store, the node and the messaging registered.
    /// </summary>
    /// <param name="configure">Settings over the configuration's (tests use short intervals).</param>
    public static IServiceCollection AddGatewayWitnessing(this IServiceCollection services, Action<WitnessingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<WitnessingOptions>().BindConfiguration(WitnessingOptions.Section).ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WitnessingOptions>, WitnessingOptionsValidator>());
        services.AddSingleton<WitnessingService>();
        services.AddHostedService(sp => sp.GetRequiredService<WitnessingService>());
        return services;
    }
}
