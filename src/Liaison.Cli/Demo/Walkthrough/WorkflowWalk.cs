using Grpc.Core;
using Liaison.Cli.Commands;
using Liaison.Cli.Rendering;
using Liaison.Gateway.V1;
using Liaison.Workflow.V1;
using Liaison.Workflows.Localization;
using GatewayWorkflow = Liaison.Gateway.V1.Workflow;

namespace Liaison.Cli.Demo.Walkthrough;

/// <summary>
/// What every workflow walk does: one side's tool takes a step through SubmitWorkflowStep,
/// then both gateways are asked (GetWorkflow) until the step has travelled and both fold the
/// workflow to the same state. Prints the step's kind, its author, ids and states only, never
/// a step's personal fields.
/// </summary>
internal sealed class WorkflowWalk(TextWriter output, DemoSide laoCai, DemoSide yunnan, string runId)
{
    public TextWriter Output => output;

    public DemoSide LaoCai => laoCai;

    public DemoSide Yunnan => yunnan;

    /// <summary>Tells this run's ids apart from an earlier run's on the same data directory.</summary>
    public string RunId => runId;

    public DemoSide Other(DemoSide side) => side == laoCai ? yunnan : laoCai;

    /// <summary>A heading for the next part of the walk-through.</summary>
    public void Part(string text)
    {
        output.WriteLine();
        output.WriteLine(text);
    }

    /// <summary>
    /// <paramref name="side"/> takes <paramref name="step"/>, then waits until both sides fold the
    /// workflow to <paramref name="expectedState"/>. Returns the response and the workflow at the other side.
    /// </summary>
    public async Task<(SubmitWorkflowStepResponse Response, GatewayWorkflow AtOther)> TakeAsync(
        DemoSide side, WorkflowEvent step, string expectedState, string description, CancellationToken cancellationToken)
    {
        var request = new SubmitWorkflowStepRequest
        {
            RequestId = $"demo-{step.WorkflowId}-{Liaison.Workflows.WorkflowEvents.MessageType(step)}",
            RecipientNode = Other(side).NodeId,
            Step = step,
        };
        output.WriteLine();
        output.WriteLine($"{side.DisplayName}: {description}");
        var response = await side.Workflows.SubmitWorkflowStepAsync(request, cancellationToken: cancellationToken);
        output.WriteField("Step", $"{WorkflowRenderer.StepName(step, Language.En)} by officer {Display.Untrusted(step.OfficerId)} of {side.NodeId}");
        output.WriteField("Workflow", $"{Display.Untrusted(response.Workflow.WorkflowId)} ({Display.Enum(response.Workflow.Kind)})");
        output.WriteField("Envelope", $"{response.Message.EnvelopeId}, sequence {response.Message.Sequence} on {side.NodeId} -> {Other(side).NodeId}");
        var (atLaoCai, atYunnan) = await BothAtAsync(step.WorkflowId, expectedState, cancellationToken, response.Workflow.Steps.Count);
        return (response, side == laoCai ? atYunnan : atLaoCai);
    }

    /// <summary>Waits until both gateways fold the workflow to <paramref name="state"/>, prints both, and returns both views.</summary>
    /// <param name="steps">How many steps each side must hold: the step taken has travelled once the other side holds it too.</param>
    public async Task<(GatewayWorkflow AtLaoCai, GatewayWorkflow AtYunnan)> BothAtAsync(string workflowId, string state, CancellationToken cancellationToken, int steps = 0)
    {
        var atLaoCai = await AtAsync(laoCai, workflowId, state, cancellationToken, steps);
        var atYunnan = await AtAsync(yunnan, workflowId, state, cancellationToken, steps);
        output.WriteField("State", $"{laoCai.NodeId} {WorkflowRenderer.State(atLaoCai)}; {yunnan.NodeId} {WorkflowRenderer.State(atYunnan)}");
        return (atLaoCai, atYunnan);
    }

    /// <summary>The workflow as <paramref name="side"/> sees it, once it is in <paramref name="state"/> there.</summary>
    public static Task<GatewayWorkflow> AtAsync(DemoSide side, string workflowId, string state, CancellationToken cancellationToken, int steps = 0) =>
        DemoPolling.UntilAsync(
            ct => FindAsync(side, workflowId, ct),
            w => w.State == state && w.Steps.Count >= steps,
            $"workflow {workflowId} to be {state} at {side.NodeId}",
            cancellationToken);

    /// <summary>The workflow as <paramref name="side"/> sees it, or null while it has not reached that side.</summary>
    public static async Task<GatewayWorkflow?> FindAsync(DemoSide side, string workflowId, CancellationToken cancellationToken)
    {
        try
        {
            return (await side.Workflows.GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/" + workflowId }, cancellationToken: cancellationToken)).Workflow;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }
}
