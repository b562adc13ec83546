using Liaison.Workflows.Reports;

namespace Liaison.Workflows.Tests.Reports;

public sealed class ReportCsvTests
{
    private const string Golden =
        "metric,value\r\n" +
        "period,2026-Q1\r\n" +
        "period.start,2025-12-15\r\n" +
        "period.end_exclusive,2026-03-15\r\n" +
        "period.due_before,2026-03-15\r\n" +
        "requests.sent,2\r\n" +
        "requests.received,6\r\n" +
        "requests.sent.due_in_period,1\r\n" +
        "requests.sent.answered_within_deadline,1\r\n" +
        "requests.sent.answered_within_deadline_share,1\r\n" +
        "requests.sent.outcome.confirmed,1\r\n" +
        "requests.sent.outcome.not_found,0\r\n" +
        "requests.sent.outcome.partial_match,0\r\n" +
        "requests.sent.outcome.more_information_needed,0\r\n" +
        "requests.sent.outcome.unanswered,1\r\n" +
        "requests.received.due_in_period,6\r\n" +
        "requests.received.answered_within_deadline,2\r\n" +
        "requests.received.answered_within_deadline_share,0.3333\r\n" +
        "requests.received.outcome.confirmed,1\r\n" +
        "requests.received.outcome.not_found,1\r\n" +
        "requests.received.outcome.partial_match,1\r\n" +
        "requests.received.outcome.more_information_needed,1\r\n" +
        "requests.received.outcome.unanswered,2\r\n" +
        "victims.identified,3\r\n" +
        "handovers.completed,2\r\n" +
        "alerts.raised,5\r\n" +
        "alerts.acknowledged,4\r\n" +
        "alerts.acknowledgement_median_seconds,600\r\n" +
        "alerts.acknowledgement_p90_seconds,3600\r\n" +
        "monthly.2026-01.requests_sent,1\r\n" +
        "monthly.2026-01.requests_received,2\r\n" +
        "monthly.2026-01.alerts_raised,1\r\n" +
        "monthly.2026-02.requests_sent,0\r\n" +
        "monthly.2026-02.requests_received,3\r\n" +
        "monthly.2026-02.alerts_raised,2\r\n" +
        "monthly.2026-03.requests_sent,1\r\n" +
        "monthly.2026-03.requests_received,1\r\n" +
        "monthly.2026-03.alerts_raised,2\r\n" +
        "requests.sent.identification_due_in_period,0\r\n" +
        "requests.sent.identified,0\r\n" +
        "requests.sent.identified_within_deadline,0\r\n" +
        "requests.sent.identified_within_deadline_share,\r\n" +
        "requests.received.identification_due_in_period,0\r\n" +
        "requests.received.identified,0\r\n" +
        "requests.received.identified_within_deadline,0\r\n" +
        "requests.received.identified_within_deadline_share,\r\n";

    private static string Write(PeriodicReport report)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        ReportCsv.Write(report, writer);
        return writer.ToString();
    }

    [Fact]
    public void TheCsvMatchesTheGoldenFile() =>
        Assert.Equal(Golden, Write(PeriodicReport.Compute(ReportFixture.Q1, ReportFixture.Input())));

    [Fact]
    public void TheCsvIsTheSameUnderACultureWithDecimalCommas()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("vi-VN");
            Assert.Equal(Golden, Write(PeriodicReport.Compute(ReportFixture.Q1, ReportFixture.Input())));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void FiguresThatDoNotExistAreEmptyFields()
    {
        var csv = Write(PeriodicReport.Compute(ReportFixture.Q1, new ReportInput([], [], [])));
        Assert.Contains("\r\nrequests.received.answered_within_deadline_share,\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("\r\nalerts.acknowledgement_median_seconds,\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMetricNameHasALabelInEachLanguage()
    {
        var names = Write(PeriodicReport.Compute(ReportFixture.Q1, ReportFixture.Input()))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0])
            .Where(n => !n.StartsWith("monthly.", StringComparison.Ordinal)).ToList();

        Assert.Equal(ReportLabels.Metrics.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.All(names, n => Assert.All(Enum.GetValues<ReportLanguage>(), l => Assert.False(string.IsNullOrWhiteSpace(ReportLabels.For(n, l)))));
        Assert.Equal("Yêu cầu xác minh đã nhận", ReportLabels.For("requests.received", ReportLanguage.Vietnamese));
        Assert.Equal("已收到的核查请求", ReportLabels.For("requests.received", ReportLanguage.Chinese));
    }
}
