using Grpc.AspNetCore.Server.Model;
using Liaison.Gateway.Attachments;
using Liaison.Gateway.Auditing;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Grpc;
using Liaison.Gateway.Grpc.Internal;
using Liaison.Gateway.Hosting;
using Liaison.Gateway.Hosting.Internal;
using Liaison.Gateway.Messaging;
using Liaison.Gateway.Security;
using Liaison.Gateway.Protection;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Witnessing;
using Liaison.Gateway.Workflows;
using Liaison.Workflows.Calendar;
using Liaison.Workflows.Handover;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Extensions;

/// <summary>Registers everything a gateway runs: its node, store, exchange services and gRPC API.</summary>
public static class GatewayHostExtensions
{
    /// <summary>
    /// Large enough for any payload up to the default agreement's 16 MiB with room to spare.
    /// The agreement's own limit is checked per request, as a field violation.
    /// </summary>
    public const int MaxRequestBytes = 32 * 1024 * 1024;

    /// <summary>
    /// Adds the gateway to the host. Options come from the "Gateway", "Store" and "Messaging"
    /// sections and are validated at start-up; when the host starts, the node's keys and
    /// agreement are loaded, then the store opened, then the bus started, in that order.
    /// </summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddGatewayLogging();
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());

        // Registered before the store, so it starts first: a node that cannot prove who
        // it is has no business opening or migrating its database.
        services.AddSingleton<GatewayNodeHost>();
        services.AddHostedService(sp => sp.GetRequiredService<GatewayNodeHost>());
        services.AddSingleton(sp => sp.GetRequiredService<GatewayNodeHost>().Node);

        // Client certificates: the CA and revocation list are read as the host starts.
        services.AddGatewaySecurity();

        // Field-level encryption at rest: the KEKs from Protection (a file or an environment variable),
        // followed while the gateway runs; the store encrypts with them (deploy/data-protection.md).
        services.AddOptions<ProtectionOptions>().BindConfiguration(ProtectionOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProtectionOptions>, ProtectionOptionsValidator>());
        services.AddSingleton<KeyEncryptionKeySource>();
        services.AddSingleton(sp => FieldProtection.With(sp.GetRequiredService<KeyEncryptionKeySource>()));
        services.AddHostedService<DataKeyMaintenanceService>();

        services.AddGatewayStore(_ => { });
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section);
        // The outbox signal, the submitter and the inbox notifier come with the messaging.

        // Signed checkpoints of the audit log, every AuditLog:CheckpointInterval when it grew.
        services.AddOptions<AuditLogOptions>().BindConfiguration(AuditLogOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditLogOptions>, AuditLogOptionsValidator>());
        services.AddHostedService<CheckpointIssuer>();
        // Reads, exports and start-up as audit entries; the start-up ones right after the store opens.
        services.AddGatewayAuditing();

        // Read now, not at start: the transport is chosen while the bus is registered.
        // Without Messaging:BrokerUri the gateway uses MassTransit's in-memory transport.
        var messaging = new MessagingOptions();
        builder.Configuration.GetSection(MessagingOptions.Section).Bind(messaging);
        services.AddGatewayMessaging(messaging);

        // Cross-witnessing: checkpoints to the partner, cosignatures and alerts back (Witnessing section).
        services.AddGatewayWitnessing();

        // The workflows fold from the store and send through the submitter; built on first use,
        // after start-up has loaded the node.
        services.AddSingleton(sp => new WorkflowLedger(sp.GetRequiredService<GatewayNode>(), sp.GetRequiredService<GatewayStoreHost>().Store));
        // Handovers: the border gates, notice and roll-call tolerance of the Workflows section (defaults: the two Lao Cai gates).
        services.AddOptions<HandoverOptions>().BindConfiguration(HandoverOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HandoverOptions>, HandoverOptionsValidator>());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<HandoverOptions>>().Value.ToPolicy());
        services.AddSingleton(sp => new WorkflowFold(sp.GetRequiredService<GatewayNode>().Agreement, sp.GetRequiredService<HandoverPolicy>()));
        services.AddSingleton(sp => new WorkflowDeadlines(sp.GetRequiredService<GatewayNode>().Agreement, DeadlinePolicy.Default));
        services.AddSingleton(sp => new WorkflowCoordinator(
            sp.GetRequiredService<GatewayNode>(), sp.GetRequiredService<GatewayStoreHost>().Store, sp.GetRequiredService<WorkflowLedger>(),
            sp.GetRequiredService<WorkflowFold>(), sp.GetRequiredService<MessageSubmitter>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new WorkflowReports(
            sp.GetRequiredService<GatewayNode>(), sp.GetRequiredService<GatewayStoreHost>().Store, sp.GetRequiredService<WorkflowCoordinator>(), sp.GetRequiredService<WorkflowDeadlines>()));

        // Alert escalation and deadline reminders, every Workflows:SweepInterval.
        services.AddOptions<WorkflowJobsOptions>().BindConfiguration(WorkflowJobsOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkflowJobsOptions>, WorkflowJobsOptionsValidator>());
        services.AddHostedService<AlertEscalator>();
        services.AddHostedService<DeadlineMonitor>();

        // Need-to-know (deploy/access-control.md): which cases' personal data each caller may read.
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>());
        services.AddSingleton<CaseAccessGuard>();

        services.AddGrpc(grpc =>
        {
            grpc.EnableDetailedErrors = builder.Environment.IsDevelopment();
            grpc.MaxReceiveMessageSize = MaxRequestBytes;
            grpc.Interceptors.Add<ErrorMappingInterceptor>();
        });
        // Every service (health and reflection too) is bound with request parsers whose failures are INVALID_ARGUMENT.
        services.RemoveAll(typeof(IServiceMethodProvider<>));
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(GuardedServiceMethodProvider<>)));
        services.AddGrpcReflection();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>());
        services.AddRateLimiter(_ => { });
        services.AddSingleton<IConfigureOptions<RateLimiterOptions>, ClientRateLimiting>();
        services.AddGrpcHealthChecks().AddCheck<StoreHealthCheck>("store");
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelSetup>();
        return builder;
    }

    /// <summary>
    /// Maps the gateway API, grpc.health.v1 and server reflection. Every service but the
    /// health checks is rate-limited per client (<see cref="RateLimitOptions"/>).
    /// </summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        // Every RPC is authenticated and checked against its policy (Security/RpcPolicies) before its request is read.
        app.UseGatewaySecurity();
        app.MapGrpcService<GatewayApi>().RequireRateLimiting(ClientRateLimiting.Policy);
        app.MapGrpcService<WorkflowApi>().RequireRateLimiting(ClientRateLimiting.Policy);
        app.MapGrpcService<AttachmentApi>().RequireRateLimiting(ClientRateLimiting.Policy);
        app.MapGrpcService<CaseAccessApi>().RequireRateLimiting(ClientRateLimiting.Policy);
        app.MapGrpcService<AuditApi>().RequireRateLimiting(ClientRateLimiting.Policy);
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService().RequireRateLimiting(ClientRateLimiting.Policy);
        return app;
    }
}
