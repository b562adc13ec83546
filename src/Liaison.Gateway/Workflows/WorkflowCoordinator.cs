using System.Collections.Concurrent;
using Google.Protobuf;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Liaison.Workflow.V1;
using Liaison.Workflows;
using Liaison.Workflows.Criteria;
using Liaison.Workflows.Verification;
using Priority = Liaison.Envelope.V1.Priority;

namespace Liaison.Gateway.Workflows;

/// <summary>
/// Takes workflow steps for this node's officers and systems: folds what both sides did so
/// far, checks the new step against the state machine (and, for an answer, that the criteria
/// it cites are in force), then seals and commits it like any message, keeping its payload
/// so that it can be folded again. Steps of one workflow are taken one at a time; a retry
/// with the same request id returns the first result. Thread-safe.
/// </summary>
public sealed class WorkflowCoordinator(
    GatewayNode node,
    IGatewayStore store,
    WorkflowLedger ledger,
    WorkflowFold fold,
    MessageSubmitter submitter,
    TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);

    /// <summary>Takes a step as the node itself (reminders, escalations): its audit entries name "node".</summary>
    /// <exception cref="WorkflowRefusedException">The step is malformed or addressed to the wrong partner.</exception>
    /// <exception cref="IllegalTransitionException">The workflow's state does not allow the step.</exception>
    public Task<(FoldedWorkflow Workflow, SubmitResult Result)> SubmitStepAsync(string requestId, string recipientNode, WorkflowEvent step, CancellationToken cancellationToken) =>
        SubmitStepAsync(requestId, recipientNode, step, Auditing.AuditActors.Node, cancellationToken);

    /// <param name="actor">Who takes the step, as its audit entries name them: the caller's subject id.</param>
    /// <exception cref="WorkflowRefusedException">The step is malformed or addressed to the wrong partner.</exception>
    /// <exception cref="IllegalTransitionException">The workflow's state does not allow the step.</exception>
    public async Task<(FoldedWorkflow Workflow, SubmitResult Result)> SubmitStepAsync(string requestId, string recipientNode, WorkflowEvent step, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.EventCase == WorkflowEvent.EventOneofCase.None)
        {
            throw new WorkflowRefusedException("step", "The step carries no workflow event.");
        }

        if (!WorkflowIds.IsValid(step.WorkflowId))
        {
            throw new WorkflowRefusedException("step.workflow_id", "A workflow id is 1 to 64 characters of A-Z, a-z, 0-9, '/', '.', '_' and '-'.");
        }

        var gate = locks.GetOrAdd(step.WorkflowId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // A retry of a step already taken: answered from the store, without the state machine,
            // which would now see the step as taken twice. The same id for another step is refused.
            if (await store.GetByRequestIdAsync(requestId, cancellationToken) is { } existing)
            {
                if (existing.CorrelationId != step.WorkflowId || existing.PeerNode != recipientNode || !IsSameStep(existing.Payload, step))
                {
                    throw new RequestIdConflictException(requestId, existing.EnvelopeId);
                }

                return (await GetAsync(step.WorkflowId, cancellationToken), new SubmitResult(existing, IsReplay: true));
            }

            var current = fold.Fold(step.WorkflowId, await ledger.ReadAsync(step.WorkflowId, cancellationToken));
            var peer = current.Steps.Select(s => s.Message.PeerNode).FirstOrDefault();
            if (peer is not null && peer != recipientNode)
            {
                throw new WorkflowRefusedException("recipient_node", $"Workflow {step.WorkflowId} runs with '{peer}'; its steps cannot go to '{recipientNode}'.");
            }

            var now = time.GetUtcNow();
            var signed = WorkflowStatementSigner.Sign(step, current.State, node, recipientNode, now);
            if (WorkflowStatementSigner.SignerOf(signed) is { } signer && signer != node.NodeId)
            {
                throw new WorkflowRefusedException("step", $"A step this node takes must carry this node's signature, not '{signer}'s.");
            }

            await RequireForwardingAllowedAsync(signed, recipientNode, cancellationToken);
            fold.Apply(current.State, signed, current.PartyOf(node.NodeId), now);
            if (signed.EventCase == WorkflowEvent.EventOneofCase.VerificationAnswer)
            {
                await RequireCriteriaInForceAsync(signed.VerificationAnswer, now, cancellationToken);
            }

            var request = RequestFor(requestId, recipientNode, signed) with { Actor = actor };
            var result = await submitter.SubmitAsync(request, cancellationToken);
            return (await GetAsync(step.WorkflowId, cancellationToken), result);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Whether the kept step is the one the caller sends again, apart from what this node filled in (signatures, the endorsed digest).</summary>
    private static bool IsSameStep(ReadOnlyMemory<byte>? kept, WorkflowEvent step)
    {
        if (kept is not { } bytes)
        {
            return false;
        }

        var first = Unsigned(WorkflowEvent.Parser.ParseFrom(bytes.Span), step);
        return first.Equals(Unsigned(step, step));
    }

    private static WorkflowEvent Unsigned(WorkflowEvent step, WorkflowEvent asSent)
    {
        var copy = step.Clone();
        switch (copy.EventCase)
        {
            case WorkflowEvent.EventOneofCase.CriteriaProposal when asSent.CriteriaProposal.ProposerSignature is null:
                copy.CriteriaProposal.ProposerSignature = null;
                break;
            case WorkflowEvent.EventOneofCase.CriteriaCounterProposal when asSent.CriteriaCounterProposal.ProposerSignature is null:
                copy.CriteriaCounterProposal.ProposerSignature = null;
                break;
            case WorkflowEvent.EventOneofCase.CriteriaEndorsement when asSent.CriteriaEndorsement.EndorserSignature is null:
                copy.CriteriaEndorsement.EndorserSignature = null;
                if (asSent.CriteriaEndorsement.CatalogueDigest.IsEmpty)
                {
                    copy.CriteriaEndorsement.CatalogueDigest = ByteString.Empty;
                }

                break;
            case WorkflowEvent.EventOneofCase.HandoverRecordSignature when asSent.HandoverRecordSignature.Signature is null:
                copy.HandoverRecordSignature.Signature = null;
                break;
        }

        return copy;
    }

    private static SubmitRequest RequestFor(string requestId, string recipientNode, WorkflowEvent step) =>
        new(requestId, recipientNode, WorkflowEvents.MessageType(step), step.ToByteArray())
        {
            CaseReference = step.CaseReference,
            CorrelationId = step.WorkflowId,
            Priority = WorkflowEvents.Priority(step) switch
            {
                PriorityHint.Urgent => Priority.Urgent,
                PriorityHint.High => Priority.High,
                _ => Priority.Routine,
            },
            KeepPayload = true,
        };

    public async Task<FoldedWorkflow> GetAsync(string workflowId, CancellationToken cancellationToken) =>
        fold.Fold(workflowId, await ledger.ReadAsync(workflowId, cancellationToken));

    /// <summary>
    /// Every workflow of a case: those whose steps carry <paramref name="caseReference"/>, and
    /// those that carry the case references the partner used in them (a case links both sides').
    /// </summary>
    public async Task<(IReadOnlyList<FoldedWorkflow> Workflows, IReadOnlyList<string> CaseReferences)> CaseTimelineAsync(string caseReference, CancellationToken cancellationToken)
    {
        var references = new List<string> { caseReference };
        var ids = new List<string>();
        for (var i = 0; i < references.Count && i < 16; i++)
        {
            foreach (var id in await store.ListCorrelationIdsAsync(CorrelationQuery.AllTime with { CaseReference = references[i] }, cancellationToken))
            {
                if (ids.Contains(id))
                {
                    continue;
                }

                ids.Add(id);
                foreach (var step in await ledger.ReadAsync(id, cancellationToken))
                {
                    if (step.Event.CaseReference.Length > 0 && !references.Contains(step.Event.CaseReference))
                    {
                        references.Add(step.Event.CaseReference);
                    }
                }
            }
        }

        var workflows = new List<FoldedWorkflow>();
        foreach (var id in ids)
        {
            var workflow = await GetAsync(id, cancellationToken);
            if (workflow.Kind is not null)
            {
                workflows.Add(workflow);
            }
        }

        return (workflows, references);
    }

    /// <summary>The criteria versions both sides agreed, from every criteria workflow this node holds.</summary>
    public async Task<CriteriaRegistry> CriteriaAsync(CancellationToken cancellationToken)
    {
        var registry = CriteriaRegistry.Empty();
        var query = CorrelationQuery.AllTime with { MessageTypePrefix = "criteria." };
        foreach (var id in await store.ListCorrelationIdsAsync(query, cancellationToken))
        {
            if ((await GetAsync(id, cancellationToken)).State is CriteriaState { Status: CriteriaStatus.Agreed } agreed)
            {
                registry = registry.With(agreed);
            }
        }

        return registry;
    }

    /// <summary>
    /// Handling codes, enforced: information a partner provided under H2 (or H3, whose stated
    /// restriction needs a person's decision) never goes to a third node, not even by reference
    /// from another workflow (a handover listing a person from that partner's verification).
    /// </summary>
    private async Task RequireForwardingAllowedAsync(WorkflowEvent step, string recipientNode, CancellationToken cancellationToken)
    {
        foreach (var referenced in StepHandling.ReferencedWorkflows(step))
        {
            foreach (var source in (await GetAsync(referenced, cancellationToken)).Steps)
            {
                if (source.AuthorNode != node.NodeId && StepHandling.Of(source.Event) is { } handling
                    && !Liaison.Workflows.Handling.HandlingRules.CanForward(handling.Code, source.AuthorNode, recipientNode))
                {
                    throw new WorkflowRefusedException("step",
                        $"Workflow {referenced} holds information {source.AuthorNode} provided under handling code {handling.Code}; it cannot go to '{recipientNode}' without {source.AuthorNode}'s permission.");
                }
            }
        }
    }

    private async Task RequireCriteriaInForceAsync(VerificationAnswer answer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (CriteriaVersionId.From(answer.Criteria) is not { } cited)
        {
            return;
        }

        var registry = await CriteriaAsync(cancellationToken);
        if (!registry.IsInForce(cited, now))
        {
            var inForce = registry.InForceAt(now)?.Version.Version;
            throw new WorkflowRefusedException("step.verification_answer.criteria",
                inForce is null
                    ? $"The answer applies criteria version {cited.Version}, but no criteria version is in force now: both sides must have signed one and its effective date must have come."
                    : $"The answer applies criteria version {cited.Version}, which is not the version in force now ({inForce}).");
        }
    }
}
