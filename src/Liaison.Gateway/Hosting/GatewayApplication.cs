using Liaison.Gateway.Extensions;
using Liaison.Gateway.Hosting.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Liaison.Gateway.Hosting;

/// <summary>
/// Builds a gateway inside another program, with the registration the gateway executable
/// uses (<see cref="GatewayHostExtensions.AddGateway"/> and <see cref="GatewayHostExtensions.MapGateway"/>),
/// from in-memory settings and the node's <see cref="GatewayNodeMaterial"/> instead of files.
/// </summary>
public static class GatewayApplication
{
    /// <summary>
    /// A gateway for the node that owns <paramref name="material"/>'s keys, configured only by
    /// <paramref name="settings"/> (the keys of appsettings, e.g. "Store:DataDirectory",
    /// "Messaging:BrokerUri", "Gateway:Port"): no appsettings file, environment variable or
    /// command line is read, so that several gateways can share a process. Gateway:NodeId is
    /// set from the keys. The host leaves Ctrl-C and SIGTERM to the program: start it with
    /// <c>StartAsync</c> and stop it with <c>StopAsync</c>.
    /// </summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">
    /// The settings are invalid: thrown here or by <c>StartAsync</c>, as the gateway executable refuses to start.
    /// </exception>
    /// <param name="time">The gateway's clock; default the system clock (the demo passes its own, which it moves to the handover's day).</param>
    public static WebApplication Build(GatewayNodeMaterial material, IEnumerable<KeyValuePair<string, string?>> settings, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(material);
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration[$"{GatewayOptions.Section}:{nameof(GatewayOptions.NodeId)}"] = material.Keys.Owner;
        builder.Services.AddSingleton(material);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.AddGateway();
        var app = builder.Build();
        app.MapGateway();
        return app;
    }
}
