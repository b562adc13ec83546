using Liaison.Workflow.V1;
using Liaison.Workflows.Criteria;
using static Liaison.Workflows.Tests.Support.CriteriaEvents;

namespace Liaison.Workflows.Tests.Criteria;

public class CriteriaDiffTests
{
    [Fact]
    public void AddedRemovedAndChangedIndicatorsAreMatchedByCode()
    {
        var before = Catalogue();
        var after = new CriteriaCatalogue
        {
            Version = 2,
            Indicators =
            {
                Indicator("REC-01", IndicatorCategory.Recruitment, "Hứa hẹn việc làm lương cao ở nước ngoài", "承诺高薪工作", "Promise of a well-paid job"),
                Indicator("MIN-01", IndicatorCategory.Minors, "Trẻ em đi cùng người lạ", "儿童与陌生人同行", "Child travelling with a stranger"),
            },
        };

        var diff = CriteriaDiff.Between(before, after);

        Assert.Equal(["MIN-01"], diff.Added.Select(i => i.Code));
        Assert.Equal(["CTL-01"], diff.Removed.Select(i => i.Code));
        var change = Assert.Single(diff.Changed);
        Assert.Equal("REC-01", change.Code);
        Assert.False(change.CategoryChanged);
        Assert.Equal("Hứa hẹn việc làm lương cao ở nước ngoài", change.After.TextVi);
        Assert.False(diff.IsEmpty);
    }

    [Fact]
    public void ACategoryChangeIsReported()
    {
        var before = Catalogue();
        var after = Catalogue();
        after.Indicators[1].Category = IndicatorCategory.Exploitation;

        Assert.True(Assert.Single(CriteriaDiff.Between(before, after).Changed).CategoryChanged);
    }

    [Fact]
    public void ReorderingIndicatorsIsNoChange()
    {
        var before = Catalogue();
        var after = new CriteriaCatalogue { Indicators = { before.Indicators.Reverse() } };

        Assert.True(CriteriaDiff.Between(before, after).IsEmpty);
    }
}
