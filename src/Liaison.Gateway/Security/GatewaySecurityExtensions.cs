using Liaison.Gateway.Security.Internal;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Security;

/// <summary>Client-certificate authentication and the per-RPC policies, registered and placed in the pipeline.</summary>
public static class GatewaySecurityExtensions
{
    /// <summary>Certificate authentication against <see cref="ClientTrust"/>, loaded when the host starts.</summary>
    public static IServiceCollection AddGatewaySecurity(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ClientTrust>();
        services.AddHostedService<ClientTrustLoader>();
        services.AddAuthentication(CertificateAuthenticationDefaults.AuthenticationScheme).AddCertificate();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<CertificateAuthenticationOptions>, CertificateAuthenticationSetup>());
        return services;
    }

    /// <summary>
    /// Authenticates every request and enforces <see cref="RpcPolicies"/> on every gRPC endpoint. When
    /// the pipeline is built (as the host starts) every mapped RPC must have a policy, or start-up fails
    /// with a <see cref="Hosting.GatewayStartupException"/> naming the ones without.
    /// </summary>
    public static WebApplication UseGatewaySecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var trust = app.Services.GetRequiredService<ClientTrust>();
        var certificateOptions = app.Services.GetRequiredService<IOptionsMonitorCache<CertificateAuthenticationOptions>>();
        app.Use(next => http =>
        {
            // A changed client CA file: the certificate handler's options (its trust store) are built again at the next authentication.
            if (trust.RefreshAuthorities())
            {
                certificateOptions.TryRemove(CertificateAuthenticationDefaults.AuthenticationScheme);
            }

            return next(http);
        });
        app.UseAuthentication();
        IEndpointRouteBuilder routes = app;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RpcPolicies).FullName!);
        app.Use(next =>
        {
            // Here, not in MapGateway: every service is mapped by the time the pipeline is built.
            RpcPolicyCheck.Require(routes.DataSources.SelectMany(d => d.Endpoints));
            return new RpcAuthorizationMiddleware(next, logger).InvokeAsync;
        });
        return app;
    }

    /// <summary>Reads the client CA and revocation list at start-up, so that a bad file stops the gateway before it serves.</summary>
    private sealed class ClientTrustLoader(ClientTrust trust) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            trust.Load();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
