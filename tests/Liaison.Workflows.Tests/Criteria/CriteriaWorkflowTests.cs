using Google.Protobuf;
using Liaison.Workflow.V1;
using Liaison.Workflows.Criteria;
using Liaison.Workflows.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static Liaison.Workflows.Tests.Support.CriteriaEvents;

namespace Liaison.Workflows.Tests.Criteria;

public class CriteriaWorkflowTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 6, 1, 3, 0, 0, TimeSpan.Zero));
    private readonly CriteriaWorkflow workflow = new(AgreementKeyVerifier.LaoCaiAndYunnan);

    private CriteriaState Proposed(CriteriaCatalogue catalogue) =>
        workflow.Apply(null, Propose(catalogue, TestNode.LaoCai), Party.Initiator, time.GetUtcNow());

    [Fact]
    public void AProposalEndorsedByTheOtherSideOverTheSameDigestIsAgreed()
    {
        var catalogue = Catalogue();
        var proposed = Proposed(catalogue);
        time.Advance(TimeSpan.FromDays(2));

        var agreed = workflow.Apply(proposed, Endorse(catalogue, TestNode.Yunnan), Party.Responder, time.GetUtcNow());

        Assert.Equal(CriteriaStatus.Agreed, agreed.Status);
        Assert.Equal(time.GetUtcNow(), agreed.AgreedAt);
        Assert.Equal(Convert.ToHexStringLower(CriteriaDigest.Of(catalogue)), agreed.Version.DigestHex);
        Assert.Equal("vn-laocai", agreed.ProposerSignature.SignerNode);
        Assert.Equal("cn-yunnan", agreed.EndorserSignature!.SignerNode);
        Assert.Equal(agreed.ProposerSignature.DigestHex, agreed.EndorserSignature.DigestHex);
        Assert.Equal(new DateOnly(2026, 7, 1), agreed.EffectiveFrom);
        Assert.Equal(catalogue, agreed.Catalogue);
    }

    [Fact]
    public void TheSideThatProposedCannotEndorseItsOwnProposal()
    {
        var catalogue = Catalogue();

        var ex = Assert.Throws<IllegalTransitionException>(() =>
            workflow.Apply(Proposed(catalogue), Endorse(catalogue, TestNode.LaoCai), Party.Initiator, time.GetUtcNow()));

        Assert.Equal("criteria negotiation cr-2026-1 cannot be endorsed by the side that made the pending proposal; only the other side may do so", ex.Message);
    }

    [Fact]
    public void AnEndorsementSignedWithTheProposersNodeKeyIsRefused()
    {
        var catalogue = Catalogue();

        var ex = Assert.Throws<IllegalTransitionException>(() =>
            workflow.Apply(Proposed(catalogue), Endorse(catalogue, TestNode.LaoCai), Party.Responder, time.GetUtcNow()));

        Assert.Contains("node vn-laocai already signed it as proposer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEndorsementOfOtherBytesIsRefused()
    {
        var catalogue = Catalogue();
        var other = Catalogue();
        other.Indicators[0].TextEn = "Promise of a job abroad";

        var ex = Assert.Throws<IllegalTransitionException>(() =>
            workflow.Apply(Proposed(catalogue), Endorse(other, TestNode.Yunnan), Party.Responder, time.GetUtcNow()));

        Assert.Contains("not the digest of the pending catalogue", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AForgedProposerSignatureIsRefused()
    {
        var proposal = Propose(Catalogue(), TestNode.LaoCai);
        var forged = proposal.CriteriaProposal.ProposerSignature.Signature.ToByteArray();
        forged[0] ^= 1;
        proposal.CriteriaProposal.ProposerSignature.Signature = ByteString.CopyFrom(forged);

        var ex = Assert.Throws<IllegalTransitionException>(() => workflow.Apply(null, proposal, Party.Initiator, time.GetUtcNow()));
        Assert.Equal("criteria negotiation cr-2026-1 cannot be proposed: the signature by node vn-laocai with key vn-laocai-sig-1 does not verify", ex.Message);
    }

    [Fact]
    public void ASignatureByANodeOutsideTheAgreementIsRefused()
    {
        Assert.False(workflow.CanApply(null, Propose(Catalogue(), TestNode.Outsider), Party.Initiator, time.GetUtcNow()));
    }

    [Fact]
    public void ASignatureOverTheHandoverLabelDoesNotCountForACatalogue()
    {
        var catalogue = Catalogue();
        var proposal = Propose(catalogue, TestNode.LaoCai);
        proposal.CriteriaProposal.ProposerSignature = Signatures.By(TestNode.LaoCai, WorkflowSigning.HandoverRecordBytes(CriteriaDigest.Of(catalogue)));

        Assert.False(workflow.CanApply(null, proposal, Party.Initiator, time.GetUtcNow()));
    }

    [Fact]
    public void ACounterProposalSwapsTheRolesAndTheFirstSideMayThenEndorseIt()
    {
        var catalogue = Catalogue();
        var counter = Catalogue(1, null, Indicator("MIN-01", IndicatorCategory.Minors, "Trẻ em đi cùng người lạ", "儿童与陌生人同行", "Child travelling with a stranger"));

        var countered = workflow.Apply(Proposed(catalogue), CounterPropose(counter, TestNode.Yunnan), Party.Responder, time.GetUtcNow());
        Assert.Equal(CriteriaStatus.CounterProposed, countered.Status);
        Assert.Equal(Party.Responder, countered.PendingBy);

        Assert.False(workflow.CanApply(countered, Endorse(counter, TestNode.Yunnan), Party.Responder, time.GetUtcNow()));
        var agreed = workflow.Apply(countered, Endorse(counter, TestNode.LaoCai), Party.Initiator, time.GetUtcNow());

        Assert.Equal(CriteriaStatus.Agreed, agreed.Status);
        Assert.Equal(Convert.ToHexStringLower(CriteriaDigest.Of(counter)), agreed.Version.DigestHex);
    }

    [Fact]
    public void ACounterProposalMustKeepTheVersionNumber()
    {
        var ex = Assert.Throws<IllegalTransitionException>(() =>
            workflow.Apply(Proposed(Catalogue()), CounterPropose(Catalogue(2, new byte[32]), TestNode.Yunnan), Party.Responder, time.GetUtcNow()));

        Assert.Contains("must keep version number 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARejectionEndsTheNegotiationAndNothingAppliesAfterIt()
    {
        var catalogue = Catalogue();
        var rejected = workflow.Apply(Proposed(catalogue), Reject(), Party.Responder, time.GetUtcNow());

        Assert.Equal(CriteriaStatus.Rejected, rejected.Status);
        var ex = Assert.Throws<IllegalTransitionException>(() => workflow.Apply(rejected, Endorse(catalogue, TestNode.Yunnan), Party.Responder, time.GetUtcNow()));
        Assert.Equal("criteria negotiation cr-2026-1 is Rejected; it cannot be endorsed", ex.Message);
    }

    [Fact]
    public void AnAgreedVersionTakesNoFurtherStep()
    {
        var catalogue = Catalogue();
        var agreed = workflow.Apply(Proposed(catalogue), Endorse(catalogue, TestNode.Yunnan), Party.Responder, time.GetUtcNow());

        Assert.False(workflow.CanApply(agreed, Reject(), Party.Responder, time.GetUtcNow()));
        Assert.False(workflow.CanApply(agreed, Endorse(catalogue, TestNode.Yunnan), Party.Responder, time.GetUtcNow()));
    }

    [Fact]
    public void TheProposerCannotRejectItsOwnProposal()
    {
        Assert.False(workflow.CanApply(Proposed(Catalogue()), Reject(), Party.Initiator, time.GetUtcNow()));
    }

    [Fact]
    public void ACatalogueWithARepeatedCodeOrAMissingTranslationIsRefused()
    {
        var repeated = Catalogue(1, null, Indicator("REC-01", IndicatorCategory.Other, "x", "x", "x"));
        var untranslated = Catalogue(1, null, Indicator("OTH-01", IndicatorCategory.Other, "Khác", "", "Other"));

        Assert.False(workflow.CanApply(null, Propose(repeated, TestNode.LaoCai), Party.Initiator, time.GetUtcNow()));
        Assert.False(workflow.CanApply(null, Propose(untranslated, TestNode.LaoCai), Party.Initiator, time.GetUtcNow()));
    }

    [Fact]
    public void ALaterVersionMustNameThePreviousVersionsDigest()
    {
        Assert.False(workflow.CanApply(null, Propose(Catalogue(2), TestNode.LaoCai), Party.Initiator, time.GetUtcNow()));
        Assert.True(workflow.CanApply(null, Propose(Catalogue(2, new byte[32]), TestNode.LaoCai), Party.Initiator, time.GetUtcNow()));
    }
}
