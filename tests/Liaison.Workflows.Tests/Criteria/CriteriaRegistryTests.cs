using Liaison.Workflow.V1;
using Liaison.Workflows.Criteria;
using Liaison.Workflows.Tests.Support;
using static Liaison.Workflows.Tests.Support.CriteriaEvents;

namespace Liaison.Workflows.Tests.Criteria;

public class CriteriaRegistryTests
{
    private static readonly DateTimeOffset SignedAt = new(2026, 6, 1, 3, 0, 0, TimeSpan.Zero);
    private readonly CriteriaWorkflow workflow = new(AgreementKeyVerifier.LaoCaiAndYunnan);

    private CriteriaState Agree(CriteriaCatalogue catalogue, DateTimeOffset at, string id = Id)
    {
        var proposed = workflow.Apply(null, Propose(catalogue, TestNode.LaoCai, id), Party.Initiator, at);
        return workflow.Apply(proposed, Endorse(catalogue, TestNode.Yunnan, id), Party.Responder, at);
    }

    [Fact]
    public void AnAgreedVersionIsInForceFromMidnightOfItsEffectiveDateInLaoCai()
    {
        var registry = CriteriaRegistry.Empty().With(Agree(Catalogue(), SignedAt));
        var midnightLaoCai = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.FromHours(7));

        Assert.Null(registry.InForceAt(midnightLaoCai.AddTicks(-1)));
        Assert.False(registry.IsInForce(1, midnightLaoCai.AddTicks(-1)));
        Assert.True(registry.IsInForce(1, midnightLaoCai));
        Assert.Equal(1u, registry.InForceAt(midnightLaoCai.AddDays(30))!.Version.Version);
    }

    [Fact]
    public void AVersionAgreedAfterItsEffectiveDateIsInForceOnlyFromTheSecondSignature()
    {
        var late = new DateTimeOffset(2026, 7, 10, 9, 0, 0, TimeSpan.Zero);
        var registry = CriteriaRegistry.Empty().With(Agree(Catalogue(), late));

        Assert.False(registry.IsInForce(1, late.AddSeconds(-1)));
        Assert.True(registry.IsInForce(1, late));
    }

    [Fact]
    public void AProposalSignedByOneSideOnlyCannotBeRegistered()
    {
        var proposed = workflow.Apply(null, Propose(Catalogue(), TestNode.LaoCai), Party.Initiator, SignedAt);

        Assert.Throws<ArgumentException>(() => CriteriaRegistry.Empty().With(proposed));
    }

    [Fact]
    public void ALaterVersionReplacesTheEarlierOneFromItsOwnEffectiveDate()
    {
        var v1 = Agree(Catalogue(), SignedAt);
        var v2Catalogue = Catalogue(2, CriteriaDigest.Of(v1.Catalogue));
        v2Catalogue.EffectiveFrom = new CivilDate { Year = 2027, Month = 1, Day = 1 };
        var v2 = Agree(v2Catalogue, SignedAt.AddDays(100), "cr-2026-2");

        var registry = CriteriaRegistry.Empty().With(v1).With(v2);

        var december = new DateTimeOffset(2026, 12, 31, 12, 0, 0, TimeSpan.FromHours(7));
        Assert.Equal(1u, registry.InForceAt(december)!.Version.Version);
        Assert.Equal(2u, registry.InForceAt(december.AddDays(1))!.Version.Version);
        Assert.False(registry.IsInForce(1, december.AddDays(1)));
        Assert.True(registry.IsInForce(v2.Version, december.AddDays(1)));
        Assert.False(registry.IsInForce(v2.Version with { DigestHex = v1.Version.DigestHex }, december.AddDays(1)));
    }

    [Fact]
    public void AVersionThatDoesNotChainToThePreviousDigestIsRefused()
    {
        var v1 = Agree(Catalogue(), SignedAt);
        var v2 = Agree(Catalogue(2, new byte[32]), SignedAt, "cr-2026-2");

        Assert.Throws<ArgumentException>(() => CriteriaRegistry.Empty().With(v1).With(v2));
    }

    [Fact]
    public void TwoDifferentCataloguesCannotShareAVersionNumber()
    {
        var a = Agree(Catalogue(), SignedAt);
        var other = Catalogue();
        other.Indicators.RemoveAt(1);
        var b = Agree(other, SignedAt, "cr-2026-b");

        Assert.Throws<ArgumentException>(() => CriteriaRegistry.Empty().With(a).With(b));
    }
}
