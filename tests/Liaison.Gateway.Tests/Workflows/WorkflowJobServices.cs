using Liaison.Gateway.Tests.Messaging;
using Liaison.Gateway.Workflows;
using Liaison.Workflows.Calendar;
using Liaison.Workflows.Handover;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Tests.Workflows;

/// <summary>
/// What the workflow jobs resolve, built over one gateway core as AddGateway registers it, on
/// the given clock, with the jobs themselves and recording loggers.
/// </summary>
public sealed class WorkflowJobServices
{
    public WorkflowJobServices(GatewayCore core, TimeProvider time, WorkflowJobsOptions? options = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(core.Node);
        services.AddSingleton(core.Store);
        services.AddSingleton(new WorkflowLedger(core.Node, core.Store));
        services.AddSingleton(new WorkflowFold(core.Node.Agreement, new HandoverPolicy(WorkflowDefaults.BorderGates)));
        services.AddSingleton(new WorkflowDeadlines(core.Node.Agreement, DeadlinePolicy.Default));
        services.AddSingleton(sp => new WorkflowCoordinator(
            core.Node, core.Store, sp.GetRequiredService<WorkflowLedger>(), sp.GetRequiredService<WorkflowFold>(), core.Submitter, time));
        var provider = services.BuildServiceProvider();
        var settings = Options.Create(options ?? new WorkflowJobsOptions());
        Coordinator = provider.GetRequiredService<WorkflowCoordinator>();
        Deadlines = provider.GetRequiredService<WorkflowDeadlines>();
        Escalator = new AlertEscalator(provider, time, settings, EscalatorLog);
        Monitor = new DeadlineMonitor(provider, time, settings, MonitorLog);
    }

    public WorkflowCoordinator Coordinator { get; }

    public WorkflowDeadlines Deadlines { get; }

    public AlertEscalator Escalator { get; }

    public DeadlineMonitor Monitor { get; }

    public RecordingLogger<AlertEscalator> EscalatorLog { get; } = new();

    public RecordingLogger<DeadlineMonitor> MonitorLog { get; } = new();
}
