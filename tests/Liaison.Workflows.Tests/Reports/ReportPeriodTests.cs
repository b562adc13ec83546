using Liaison.Workflows.Reports;

namespace Liaison.Workflows.Tests.Reports;

public sealed class ReportPeriodTests
{
    [Theory]
    [InlineData("2026-Q1", "2025-12-15", "2026-03-15")]
    [InlineData("2026-Q2", "2026-03-15", "2026-06-15")]
    [InlineData("2026-Q3", "2026-06-15", "2026-09-15")]
    [InlineData("2026-Q4", "2026-09-15", "2026-12-15")]
    [InlineData("2026-H1", "2025-12-15", "2026-06-15")]
    [InlineData("2026-H2", "2026-06-15", "2026-12-15")]
    [InlineData("2026", "2025-12-15", "2026-12-15")]
    public void EachPeriodRunsFromTheFifteenthAndIsDueBeforeTheFifteenthItEndsOn(string text, string start, string endExclusive)
    {
        var period = ReportPeriod.Parse(text);

        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(endExclusive, System.Globalization.CultureInfo.InvariantCulture), period.EndExclusive);
        Assert.Equal(period.EndExclusive, period.DueBefore);
        Assert.Equal(text, period.ToString());
    }

    [Fact]
    public void ThePlansDueDatesAreTheFifteenthsOfMarchJuneSeptemberAndDecember()
    {
        Assert.Equal(new DateOnly(2026, 3, 15), ReportPeriod.Parse("2026-Q1").DueBefore);
        Assert.Equal(new DateOnly(2026, 6, 15), ReportPeriod.Parse("2026-H1").DueBefore);
        Assert.Equal(new DateOnly(2026, 9, 15), ReportPeriod.Parse("2026-Q3").DueBefore);
        Assert.Equal(new DateOnly(2026, 12, 15), ReportPeriod.Parse("2026").DueBefore);
    }

    [Theory]
    [InlineData("2026-03-14", ReportPeriodKind.Quarter, "2026-Q1")]
    [InlineData("2026-03-15", ReportPeriodKind.Quarter, "2026-Q2")]
    [InlineData("2025-12-15", ReportPeriodKind.Quarter, "2026-Q1")]
    [InlineData("2025-12-14", ReportPeriodKind.Quarter, "2025-Q4")]
    [InlineData("2026-06-14", ReportPeriodKind.HalfYear, "2026-H1")]
    [InlineData("2026-06-15", ReportPeriodKind.HalfYear, "2026-H2")]
    [InlineData("2026-12-15", ReportPeriodKind.Year, "2027")]
    [InlineData("2026-01-01", ReportPeriodKind.Year, "2026")]
    public void ContainingFindsThePeriodOfADate(string date, ReportPeriodKind kind, string expected) =>
        Assert.Equal(ReportPeriod.Parse(expected), ReportPeriod.Containing(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), kind));

    [Theory]
    [InlineData("")]
    [InlineData("2026-Q5")]
    [InlineData("2026-H3")]
    [InlineData("2026-Q0")]
    [InlineData("2026-X1")]
    [InlineData("2026Q1")]
    [InlineData("26-Q1")]
    [InlineData("２０２６")]
    public void AnythingElseIsNotAPeriod(string text)
    {
        Assert.False(ReportPeriod.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ReportPeriod.Parse(text));
    }

    [Fact]
    public void AYearHasTwelveReportingMonths() =>
        Assert.Equal(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"],
            ReportPeriod.Parse("2026").ReportingMonths().Select(m => m.ToString()).ToArray());
}
