using Liaison.Workflow.V1;
using Liaison.Workflows.Handling;
using Liaison.Workflows.Localization;

namespace Liaison.Workflows.Tests.Handling;

public class HandlingRulesTests
{
    [Theory]
    [InlineData(HandlingCode.H0, true)]
    [InlineData(HandlingCode.H1, true)]
    [InlineData(HandlingCode.H2, false)]
    [InlineData(HandlingCode.H3, false)]
    [InlineData(HandlingCode.Unspecified, false)]
    public void ForwardingToAThirdNode(HandlingCode code, bool allowed)
    {
        Assert.Equal(allowed, HandlingRules.CanForward(code, "vn-laocai", "la-phongsaly"));
    }

    [Theory]
    [InlineData(HandlingCode.H2)]
    [InlineData(HandlingCode.H3)]
    public void InformationMayAlwaysGoBackToItsProvider(HandlingCode code)
    {
        Assert.True(HandlingRules.CanForward(code, "vn-laocai", "vn-laocai"));
    }

    [Fact]
    public void H1IsMarkedNotForUseInCourtInEveryLanguage()
    {
        var h1 = new HandlingInstructions { Code = HandlingCode.H1 };

        Assert.Equal("NOT FOR USE IN COURT WITHOUT PERMISSION (H1)", HandlingRules.Marking(h1, Language.En));
        Assert.Equal("未经许可不得在法庭上使用（H1）", HandlingRules.Marking(h1, Language.Zh));
        Assert.Equal(HandlingRules.CourtUseMarking(Language.Vi), HandlingRules.Marking(h1, Language.Vi));
        Assert.Contains("TÒA ÁN", HandlingRules.CourtUseMarking(Language.Vi), StringComparison.Ordinal);
    }

    [Fact]
    public void H0HasNoMarkingAndH3ShowsItsRestriction()
    {
        Assert.Null(HandlingRules.Marking(new HandlingInstructions { Code = HandlingCode.H0 }, Language.En));

        var h3 = new HandlingInstructions { Code = HandlingCode.H3, Restriction = new LocalizedText { Language = "en", Text = "Hekou PSB only" } };
        Assert.Equal("RESTRICTED (H3): Hekou PSB only", HandlingRules.Marking(h3, Language.En));
    }
}
