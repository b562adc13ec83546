using System.Globalization;
using Liaison.Crypto.Agreements;
using Liaison.Gateway.Storage;
using Liaison.Workflow.V1;
using Liaison.Workflows;
using Liaison.Workflows.Alerts;
using Liaison.Workflows.Criteria;
using Liaison.Workflows.Handover;
using Liaison.Workflows.Verification;

namespace Liaison.Gateway.Workflows;

/// <summary>
/// Folds a workflow's steps through its state machine. A step this node took was checked
/// before it was sent, so it applies; a step from the partner that the machine refuses
/// (a compromised or out-of-date partner, or both sides acting at once) is set aside as a
/// conflict and the fold goes on without it. Thread-safe (no state of its own).
/// </summary>
public sealed class WorkflowFold(AgreementInForce agreement, HandoverPolicy handoverPolicy)
{
    /// <summary>The configured handover rules: the border gates, the notice and the roll-call tolerance.</summary>
    public HandoverPolicy HandoverPolicy => handoverPolicy;

    public FoldedWorkflow Fold(string workflowId, IReadOnlyList<WorkflowStepRecord> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        object? state = null;
        string? initiator = null;
        WorkflowKind? kind = null;
        var applied = new List<WorkflowStepRecord>();
        // A step the machine refuses waits: one that arrived ahead of a step it depends on
        // applies once that step has. Whatever still waits at the end is a conflict.
        var waiting = new List<(WorkflowStepRecord Step, string Reason)>();
        bool TryApply(WorkflowStepRecord step, out string? reason)
        {
            var party = initiator is null || initiator == step.AuthorNode ? Party.Initiator : Party.Responder;
            try
            {
                var stepKind = WorkflowEvents.Kind(step.Event);
                if (kind is { } known && known != stepKind)
                {
                    throw new IllegalTransitionException(known, workflowId, "any", WorkflowEvents.MessageType(step.Event),
                        $"workflow {workflowId} is a {known} workflow; a {stepKind} step does not belong to it");
                }

                if (WorkflowStatementSigner.SignerOf(step.Event) is { } signer && signer != step.AuthorNode)
                {
                    throw new IllegalTransitionException(stepKind, workflowId, "any", WorkflowEvents.MessageType(step.Event),
                        $"the step from {step.AuthorNode} carries a signature of {signer}: a side signs only for itself");
                }

                state = Apply(state, step.Event, party, StepTime(step));
                kind = stepKind;
                initiator ??= step.AuthorNode;
                applied.Add(step);
                reason = null;
                return true;
            }
            catch (IllegalTransitionException refused)
            {
                reason = refused.Message;
                return false;
            }
        }

        foreach (var step in steps)
        {
            if (!TryApply(step, out var reason))
            {
                waiting.Add((step, reason!));
                continue;
            }

            for (var retry = 0; retry < waiting.Count;)
            {
                if (TryApply(waiting[retry].Step, out _))
                {
                    waiting.RemoveAt(retry);
                    retry = 0;
                }
                else
                {
                    retry++;
                }
            }
        }

        var conflicts = waiting.Select(w => (w.Step, w.Reason)).ToList();
        return new FoldedWorkflow(workflowId, kind, state, initiator, applied, conflicts);
    }

    /// <summary>
    /// When the step counts as taken: for this node's own steps, when it recorded them; for a
    /// partner's, when its author took it. That is the time in its envelope id (a UUIDv7 the
    /// author's gateway made when it sealed the step, and signed with the envelope); this node
    /// recorded it later by the delivery (hours, if the link between the brokers was down), which
    /// must not make the two sides judge one step differently: a roll-call held in the window, a
    /// proposal made with enough notice, an answer given before its deadline. Never later than
    /// this node's own record of it, so a partner's clock running fast gains it nothing.
    /// </summary>
    internal static DateTimeOffset StepTime(WorkflowStepRecord step)
    {
        var recorded = step.Message.CreatedAt;
        if (step.Message.Direction != MessageDirection.Inbound || step.Message.EnvelopeId.Version != 7)
        {
            return recorded;
        }

        var milliseconds = long.Parse(step.Message.EnvelopeId.ToString("N")[..12], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var sealedAt = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return sealedAt < recorded ? sealedAt : recorded;
    }

    /// <summary>Applies one more step to a folded workflow, or throws <see cref="IllegalTransitionException"/>.</summary>
    public object Apply(object? state, WorkflowEvent step, Party author, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(step);
        var verifier = new AgreementSignatureVerifier(agreement, at);
        return WorkflowEvents.Kind(step) switch
        {
            WorkflowKind.Verification => VerificationWorkflow.Apply(state as VerificationState, step, author, at),
            WorkflowKind.Criteria => new CriteriaWorkflow(verifier).Apply(state as CriteriaState, step, author, at),
            WorkflowKind.Handover => new HandoverWorkflow(handoverPolicy, verifier).Apply(state as HandoverState, step, author, at),
            WorkflowKind.Alert => AlertWorkflow.Apply(state as AlertState, step, author, at),
            var other => throw new ArgumentOutOfRangeException(nameof(step), other, "Not a workflow kind."),
        };
    }
}
