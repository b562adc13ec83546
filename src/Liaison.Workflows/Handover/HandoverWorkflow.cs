using System.Collections.Immutable;
using System.Diagnostics;
using Google.Protobuf;
using Liaison.Workflow.V1;
using Case = Liaison.Workflow.V1.WorkflowEvent.EventOneofCase;
using S = Liaison.Workflows.Handover.HandoverStatus;

namespace Liaison.Workflows.Handover;

/// <summary>
/// A repatriation handover: proposal → accepted (or counter-proposed, or
/// declined) → confirmed by the proposer → roll-call at the gate, within the
/// agreed window give or take the policy's tolerance → the
/// handover record signed by an officer of each side → completed, only when
/// both signatures cover the same record digest. Either side may cancel, with
/// a reason, at any point before completion. A pure fold; thread-safe.
/// </summary>
/// <param name="policy">The configured border gates, minimum notice and roll-call tolerance.</param>
/// <param name="verifier">Verifies record signatures with the agreement's node keys.</param>
public sealed class HandoverWorkflow(HandoverPolicy policy, ISignatureVerifier verifier)
{
    private readonly HandoverPolicy policy = policy ?? throw new ArgumentNullException(nameof(policy));
    private readonly ISignatureVerifier verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));

    /// <summary>Who may take which step from which status.</summary>
    public static TransitionTable<S> Table { get; } = new(WorkflowKind.Handover,
    [
        new(null, Case.HandoverProposal, StepActor.Initiator),
        new(S.Proposed, Case.HandoverAcceptance, StepActor.Counterpart),
        new(S.Proposed, Case.HandoverCounterProposal, StepActor.Counterpart),
        new(S.Proposed, Case.HandoverDecline, StepActor.Counterpart),
        new(S.CounterProposed, Case.HandoverAcceptance, StepActor.Counterpart),
        new(S.CounterProposed, Case.HandoverCounterProposal, StepActor.Counterpart),
        new(S.CounterProposed, Case.HandoverDecline, StepActor.Counterpart),
        new(S.Accepted, Case.HandoverConfirmation, StepActor.Proposer),
        new(S.Confirmed, Case.HandoverRollCall, StepActor.Either),
        new(S.RollCalled, Case.HandoverRecordSignature, StepActor.Either),
        new(S.Signing, Case.HandoverRecordSignature, StepActor.Either),
        new(S.Signing, Case.HandoverCompletion, StepActor.Either),
        new(S.Proposed, Case.HandoverCancellation, StepActor.Either),
        new(S.CounterProposed, Case.HandoverCancellation, StepActor.Either),
        new(S.Accepted, Case.HandoverCancellation, StepActor.Either),
        new(S.Confirmed, Case.HandoverCancellation, StepActor.Either),
        new(S.RollCalled, Case.HandoverCancellation, StepActor.Either),
        new(S.Signing, Case.HandoverCancellation, StepActor.Either),
    ]);

    /// <summary>The configured policy.</summary>
    public HandoverPolicy Policy => policy;

    /// <summary>Applies one step; throws <see cref="IllegalTransitionException"/> for any step the workflow does not allow.</summary>
    public HandoverState Apply(HandoverState? current, WorkflowEvent e, Party author, DateTimeOffset at)
    {
        var context = StepAdmission.Admit(Table, current?.WorkflowId, current?.Status, current?.PendingBy, e, author);
        return e.EventCase switch
        {
            Case.HandoverProposal => Propose(context, null, e.HandoverProposal.Plan, e, author, at),
            Case.HandoverCounterProposal => Propose(context, current, e.HandoverCounterProposal.Plan, e, author, at),
            Case.HandoverAcceptance => current! with { Status = S.Accepted, UpdatedAt = at },
            Case.HandoverConfirmation => current! with { Status = S.Confirmed, UpdatedAt = at },
            Case.HandoverDecline => End(context, current!, S.Declined, e.HandoverDecline.Reason, at),
            Case.HandoverCancellation => End(context, current!, S.Cancelled, e.HandoverCancellation.Reason, at),
            Case.HandoverRollCall => RollCall(context, current!, e.HandoverRollCall, at),
            Case.HandoverRecordSignature => Sign(context, current!, e, author, at),
            Case.HandoverCompletion => Complete(context, current!, e.HandoverCompletion, at),
            _ => throw new UnreachableException(),
        };
    }

    /// <summary>Throws exactly as <see cref="Apply"/> would.</summary>
    public void Check(HandoverState? current, WorkflowEvent e, Party author, DateTimeOffset at) => Apply(current, e, author, at);

    /// <summary>True when <see cref="Apply"/> would accept the step.</summary>
    public bool CanApply(HandoverState? current, WorkflowEvent e, Party author, DateTimeOffset at)
    {
        try
        {
            Check(current, e, author, at);
            return true;
        }
        catch (IllegalTransitionException)
        {
            return false;
        }
    }

    private HandoverState Propose(StepContext context, HandoverState? pending, HandoverPlan? plan, WorkflowEvent e, Party author, DateTimeOffset at)
    {
        var problem = PlanValidation.Problem(plan, policy, at);
        if (problem is not null || plan is null)
        {
            throw context.RefuseBecause(problem ?? "it carries no plan");
        }
        return new HandoverState
        {
            WorkflowId = e.WorkflowId,
            Status = pending is null ? S.Proposed : S.CounterProposed,
            PendingBy = author,
            PlanBytes = plan.ToByteString(),
            PersonIds = [.. plan.People.Select(p => p.PersonId)],
            BorderGateId = plan.BorderGateId,
            Gate = policy.Find(plan.BorderGateId),
            WindowStart = plan.WindowStart.ToDateTimeOffset(),
            WindowEnd = plan.WindowEnd.ToDateTimeOffset(),
            UpdatedAt = at,
        };
    }

    private static HandoverState End(StepContext context, HandoverState current, S status, LocalizedText? reason, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason?.Text))
        {
            throw context.RefuseBecause("a reason is required");
        }
        return current with { Status = status, EndedAt = at, UpdatedAt = at };
    }

    private HandoverState RollCall(StepContext context, HandoverState current, HandoverRollCall rollCall, DateTimeOffset at)
    {
        if ((RollCallWindow.Problem(current, policy, at) ?? RecordValidation.RollCallProblem(current, rollCall)) is { } problem)
        {
            throw context.RefuseBecause(problem);
        }
        return current with
        {
            Status = S.RollCalled,
            RollCall = rollCall.Entries.ToImmutableDictionary(entry => entry.PersonId, entry => entry.Presence, StringComparer.Ordinal),
            UpdatedAt = at,
        };
    }

    private HandoverState Sign(StepContext context, HandoverState current, WorkflowEvent e, Party author, DateTimeOffset at)
    {
        var signature = e.HandoverRecordSignature;
        if (RecordValidation.RecordProblem(current, signature.Record) is { } problem)
        {
            throw context.RefuseBecause(problem);
        }
        var digest = HandoverRecordDigest.Of(signature.Record);
        var record = SignatureCheck.Verify(context, verifier, signature.Signature, WorkflowSigning.HandoverRecordBytes(digest), digest, e, author, at);
        var other = author == Party.Initiator ? current.ResponderSignature : current.InitiatorSignature;
        if (other is not null && other.SignerNode == record.SignerNode)
        {
            throw context.RefuseBecause($"node {record.SignerNode} already signed for the other side; each side signs with its own node's key");
        }
        // A side may sign again (e.g. a corrected record): its latest signature replaces the earlier one.
        return author == Party.Initiator
            ? current with { Status = S.Signing, InitiatorSignature = record, UpdatedAt = at }
            : current with { Status = S.Signing, ResponderSignature = record, UpdatedAt = at };
    }

    private static HandoverState Complete(StepContext context, HandoverState current, HandoverCompletion completion, DateTimeOffset at)
    {
        if (current.InitiatorSignature is null || current.ResponderSignature is null)
        {
            var signer = current.InitiatorSignature is null ? "the other side" : "the opening side";
            throw context.RefuseBecause($"only {signer} has signed the handover record; an officer of each side must sign the same record");
        }
        if (!current.SignedByBothOverSameDigest)
        {
            throw context.RefuseBecause("the two sides signed different handover records (different digests); both must sign the same record");
        }
        if (Convert.ToHexStringLower(completion.RecordDigest.Span) != current.InitiatorSignature.DigestHex)
        {
            throw context.RefuseBecause("the completion names a record digest other than the one both sides signed");
        }
        return current with { Status = S.Completed, CompletedAt = at, UpdatedAt = at };
    }
}
