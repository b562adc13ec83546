using Liaison.Gateway.Tests.Messaging;
using Liaison.Gateway.Workflows;
using Liaison.Testing;
using Liaison.Workflows.Calendar;
using Liaison.Workflows.Handover;

namespace Liaison.Gateway.Tests.Workflows;

/// <summary>The workflow services of one gateway core, as AddGateway wires them.</summary>
public sealed record WorkflowTestGateway(GatewayCore Core, WorkflowCoordinator Coordinator, WorkflowReports Reports)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <param name="time">The coordinator's clock; give the one the core runs on (default the system clock).</param>
    public static WorkflowTestGateway For(GatewayCore core, TimeProvider? time = null)
    {
        var ledger = new WorkflowLedger(core.Node, core.Store);
        var fold = new WorkflowFold(core.Node.Agreement, new HandoverPolicy(WorkflowDefaults.BorderGates));
        var coordinator = new WorkflowCoordinator(core.Node, core.Store, ledger, fold, core.Submitter, time ?? TimeProvider.System);
        var reports = new WorkflowReports(core.Node, core.Store, coordinator, new WorkflowDeadlines(core.Node.Agreement, DeadlinePolicy.Default));
        return new WorkflowTestGateway(core, coordinator, reports);
    }

    /// <summary>Waits until this side's fold of the workflow is in <paramref name="state"/>.</summary>
    public Task<FoldedWorkflow> UntilAsync(string workflowId, string state) =>
        Polling.UntilAsync(() => Coordinator.GetAsync(workflowId, CancellationToken.None), w => w.StateName == state, Deadline,
            $"workflow {workflowId} {state} at {Core.Node.NodeId}");
}
