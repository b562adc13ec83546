using Liaison.Workflows.Reports;

namespace Liaison.Workflows.Tests.Reports;

public sealed class PeriodicReportTests
{
    private static readonly PeriodicReport Report = PeriodicReport.Compute(ReportFixture.Q1, ReportFixture.Input());

    [Fact]
    public void RequestsAreCountedByTheLocalDateTheyWereMade()
    {
        Assert.Equal(6, Report.RequestsReceived);
        Assert.Equal(2, Report.RequestsSent);
    }

    [Fact]
    public void TheDeadlineShareIsOverRequestsDueInThePeriodWithUnansweredOnesLate()
    {
        Assert.Equal(new DeadlineFigures(6, 2), Report.ReceivedDeadlines);
        Assert.Equal(1d / 3, Report.ReceivedDeadlines.Share);
        Assert.Equal(new DeadlineFigures(1, 1), Report.SentDeadlines);
        Assert.Equal(1d, Report.SentDeadlines.Share);
        Assert.Null(new DeadlineFigures(0, 0).Share);
    }

    [Fact]
    public void OutcomesAreCountedByKindForRequestsMadeInThePeriod()
    {
        Assert.Equal(
            new Dictionary<ReportedOutcome, int>
            {
                [ReportedOutcome.Unanswered] = 2,
                [ReportedOutcome.Confirmed] = 1,
                [ReportedOutcome.NotFound] = 1,
                [ReportedOutcome.PartialMatch] = 1,
                [ReportedOutcome.MoreInformationNeeded] = 1,
            },
            Report.ReceivedOutcomes);
        Assert.Equal(1, Report.SentOutcomes[ReportedOutcome.Unanswered]);
        Assert.Equal(1, Report.SentOutcomes[ReportedOutcome.Confirmed]);
        Assert.Equal(0, Report.SentOutcomes[ReportedOutcome.NotFound]);
    }

    [Fact]
    public void VictimsAndHandoversAreCountedInThePeriodOnly()
    {
        Assert.Equal(3, Report.VictimsIdentified);
        Assert.Equal(2, Report.HandoversCompleted);
    }

    [Fact]
    public void AlertMedianAndP90UseNearestRankOverAnEvenCount()
    {
        // Acknowledged in 5, 10, 30 and 60 minutes: median rank ⌈0.5×4⌉ = 2, p90 rank ⌈0.9×4⌉ = 4.
        Assert.Equal(new AlertFigures(5, 4, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(60)), Report.Alerts);
    }

    [Fact]
    public void AlertMedianAndP90UseNearestRankOverAnOddCount()
    {
        var alerts = new[] { 3, 1, 5, 2, 4 }.Select(s => new ReportedAlert(ReportFixture.Hanoi(2026, 1, 5), ReportFixture.Hanoi(2026, 1, 5).AddSeconds(s)));
        var report = PeriodicReport.Compute(ReportFixture.Q1, new ReportInput([], [], [.. alerts]));

        Assert.Equal(new AlertFigures(5, 5, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)), report.Alerts);
    }

    [Fact]
    public void NinetyPercentOfTenIsRankNineExactly()
    {
        var alerts = Enumerable.Range(1, 10).Select(s => new ReportedAlert(ReportFixture.Hanoi(2026, 1, 5), ReportFixture.Hanoi(2026, 1, 5).AddSeconds(s)));
        var report = PeriodicReport.Compute(ReportFixture.Q1, new ReportInput([], [], [.. alerts]));

        Assert.Equal(TimeSpan.FromSeconds(5), report.Alerts.MedianAcknowledgement);
        Assert.Equal(TimeSpan.FromSeconds(9), report.Alerts.Percentile90Acknowledgement);
    }

    [Fact]
    public void WithoutAlertsThereIsNoMedianOrP90()
    {
        var report = PeriodicReport.Compute(ReportFixture.Q1, new ReportInput([], [], []));
        Assert.Equal(new AlertFigures(0, 0, null, null), report.Alerts);
        Assert.All(report.Months, m => Assert.Equal(0, m.RequestsSent + m.RequestsReceived + m.AlertsRaised));
    }

    [Fact]
    public void MonthlyVolumesRunFromTheFifteenthToTheFourteenth()
    {
        Assert.Equal(
            ["2026-01 1/2/1", "2026-02 0/3/2", "2026-03 1/1/2"],
            Report.Months.Select(m => $"{m.Month} {m.RequestsSent}/{m.RequestsReceived}/{m.AlertsRaised}").ToArray());
    }

    [Fact]
    public void TheTimeZoneDecidesWhichDayAnInstantBelongsTo()
    {
        // In UTC the 00:30 answer is still on its due date, and the 00:30 request of 15 March falls inside Q1.
        var utc = PeriodicReport.Compute(ReportFixture.Q1, ReportFixture.Input(), TimeZoneInfo.Utc);
        Assert.Equal(3, utc.ReceivedDeadlines.AnsweredWithinDeadline);
        Assert.Equal(3, utc.RequestsSent);
    }

    [Fact]
    public void InconsistentRecordsAreRefused()
    {
        var at = ReportFixture.Hanoi(2026, 1, 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReportedAlert(at, at.AddSeconds(-1)));
        Assert.Throws<ArgumentException>(() => new ReportedVerificationRequest(ReportedDirection.Sent, at, null, new DateOnly(2026, 2, 1), ReportedOutcome.Confirmed, ReportedDetermination.Victim));
        Assert.Throws<ArgumentException>(() => new ReportedHandover(ReportedHandoverState.Completed, null));
    }
}
