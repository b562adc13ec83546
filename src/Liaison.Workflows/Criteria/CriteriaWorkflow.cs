using System.Diagnostics;
using Google.Protobuf;
using Liaison.Workflow.V1;
using Case = Liaison.Workflow.V1.WorkflowEvent.EventOneofCase;
using S = Liaison.Workflows.Criteria.CriteriaStatus;

namespace Liaison.Workflows.Criteria;

/// <summary>
/// Negotiating one version of the joint identification criteria: proposed
/// (signed by the proposer) → endorsed by the other side over the same digest
/// (agreed), or counter-proposed (the roles swap), or rejected. The side that
/// made the pending proposal can never endorse it. A pure fold; thread-safe.
/// </summary>
/// <param name="verifier">Verifies proposer and endorser signatures with the agreement's node keys.</param>
public sealed class CriteriaWorkflow(ISignatureVerifier verifier)
{
    private readonly ISignatureVerifier verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));

    /// <summary>Who may take which step from which status.</summary>
    public static TransitionTable<S> Table { get; } = new(WorkflowKind.Criteria,
    [
        new(null, Case.CriteriaProposal, StepActor.Initiator),
        new(S.Proposed, Case.CriteriaEndorsement, StepActor.Counterpart),
        new(S.Proposed, Case.CriteriaCounterProposal, StepActor.Counterpart),
        new(S.Proposed, Case.CriteriaRejection, StepActor.Counterpart),
        new(S.CounterProposed, Case.CriteriaEndorsement, StepActor.Counterpart),
        new(S.CounterProposed, Case.CriteriaCounterProposal, StepActor.Counterpart),
        new(S.CounterProposed, Case.CriteriaRejection, StepActor.Counterpart),
    ]);

    /// <summary>Applies one step; throws <see cref="IllegalTransitionException"/> for any step the workflow does not allow.</summary>
    public CriteriaState Apply(CriteriaState? current, WorkflowEvent e, Party author, DateTimeOffset at)
    {
        var context = StepAdmission.Admit(Table, current?.WorkflowId, current?.Status, current?.PendingBy, e, author);
        return e.EventCase switch
        {
            Case.CriteriaProposal => Propose(context, null, e.CriteriaProposal.Catalogue, e.CriteriaProposal.ProposerSignature, e, author, at),
            Case.CriteriaCounterProposal => Propose(context, current, e.CriteriaCounterProposal.Catalogue, e.CriteriaCounterProposal.ProposerSignature, e, author, at),
            Case.CriteriaEndorsement => Endorse(context, current!, e, author, at),
            Case.CriteriaRejection => Reject(context, current!, e.CriteriaRejection, at),
            _ => throw new UnreachableException(),
        };
    }

    /// <summary>Throws exactly as <see cref="Apply"/> would.</summary>
    public void Check(CriteriaState? current, WorkflowEvent e, Party author, DateTimeOffset at) => Apply(current, e, author, at);

    /// <summary>True when <see cref="Apply"/> would accept the step.</summary>
    public bool CanApply(CriteriaState? current, WorkflowEvent e, Party author, DateTimeOffset at)
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

    private CriteriaState Propose(
        StepContext context, CriteriaState? pending, CriteriaCatalogue? catalogue, WorkflowSignature? signature, WorkflowEvent e, Party author, DateTimeOffset at)
    {
        if (CatalogueValidation.Problem(catalogue) is { } problem)
        {
            throw context.RefuseBecause(problem);
        }
        var bytes = CriteriaDigest.CanonicalBytes(catalogue!);
        var digest = System.Security.Cryptography.SHA256.HashData(bytes);
        var id = new CriteriaVersionId(catalogue!.Version, Convert.ToHexStringLower(digest));
        if (pending is not null && pending.Version.Version != id.Version)
        {
            throw context.RefuseBecause($"a counter-proposal must keep version number {pending.Version.Version}");
        }
        if (pending is not null && pending.Version == id)
        {
            throw context.RefuseBecause("the counter-proposal is identical to the pending catalogue; endorse it instead");
        }
        var record = SignatureCheck.Verify(context, verifier, signature, WorkflowSigning.CriteriaCatalogueBytes(digest), digest, e, author, at);
        return new CriteriaState
        {
            WorkflowId = e.WorkflowId,
            Status = pending is null ? S.Proposed : S.CounterProposed,
            PendingBy = author,
            CatalogueBytes = ByteString.CopyFrom(bytes),
            Version = id,
            EffectiveFrom = CivilDates.ToDateOnly(catalogue.EffectiveFrom)!.Value,
            ProposerSignature = record,
            UpdatedAt = at,
        };
    }

    private CriteriaState Endorse(StepContext context, CriteriaState current, WorkflowEvent e, Party author, DateTimeOffset at)
    {
        var endorsement = e.CriteriaEndorsement;
        if (Convert.ToHexStringLower(endorsement.CatalogueDigest.Span) != current.Version.DigestHex)
        {
            throw context.RefuseBecause($"the endorsed digest is not the digest of the pending catalogue {current.Version}");
        }
        var digest = endorsement.CatalogueDigest.ToByteArray();
        var record = SignatureCheck.Verify(context, verifier, endorsement.EndorserSignature, WorkflowSigning.CriteriaCatalogueBytes(digest), digest, e, author, at);
        if (record.SignerNode == current.ProposerSignature.SignerNode)
        {
            throw context.RefuseBecause($"node {record.SignerNode} already signed it as proposer; the other side's node must endorse it");
        }
        return current with { Status = S.Agreed, EndorserSignature = record, AgreedAt = at, UpdatedAt = at };
    }

    private static CriteriaState Reject(StepContext context, CriteriaState current, CriteriaRejection rejection, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(rejection.Reason?.Text))
        {
            throw context.RefuseBecause("a rejection must give its reason");
        }
        return current with { Status = S.Rejected, UpdatedAt = at };
    }
}
