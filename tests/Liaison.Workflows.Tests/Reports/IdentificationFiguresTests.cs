using Liaison.Workflows.Reports;
using static Liaison.Workflows.Tests.Reports.ReportFixture;

namespace Liaison.Workflows.Tests.Reports;

/// <summary>
/// The identification deadline's figures over a hand-built 2026-Q1 (15 Dec 2025 to 14 Mar 2026, Vietnam time): the
/// cohort is the requests the deadline applies to whose identification due date falls in the period; each record's
/// part is in its comment.
/// </summary>
public sealed class IdentificationFiguresTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static ReportedVerificationRequest Received(
        DateTimeOffset at, DateTimeOffset? answered, ReportedOutcome outcome, ReportedDetermination determination, DateOnly? identificationDue, DateTimeOffset? identifiedAt) =>
        new(ReportedDirection.Received, at, answered, D(2026, 1, 20), outcome, determination, identificationDue, identifiedAt);

    private static readonly ReportInput Input = new(
        [
            // Identified with the first answer, well before its due date: on time.
            Received(Hanoi(2025, 12, 20), Hanoi(2026, 1, 10), ReportedOutcome.Confirmed, ReportedDetermination.Victim, D(2026, 2, 2), Hanoi(2026, 1, 10)),
            // Found and left undetermined; a later answer identified her ten days after the due date: identified, late.
            Received(Hanoi(2025, 12, 22), Hanoi(2026, 1, 15), ReportedOutcome.Confirmed, ReportedDetermination.NotVictim, D(2026, 2, 10), Hanoi(2026, 2, 20)),
            // Identified at 23:30 on its due date in Hanoi: on time.
            Received(Hanoi(2026, 1, 5), Hanoi(2026, 1, 25), ReportedOutcome.PartialMatch, ReportedDetermination.Victim, D(2026, 2, 24), Hanoi(2026, 2, 24, 23, 30)),
            // Identified at 00:30 the day after its due date in Hanoi (still the due date in UTC): late.
            Received(Hanoi(2026, 1, 6), Hanoi(2026, 1, 26), ReportedOutcome.Confirmed, ReportedDetermination.Victim, D(2026, 2, 25), new DateTimeOffset(2026, 2, 25, 17, 30, 0, TimeSpan.Zero)),
            // Found, still undetermined, due in the period: open, so late and not identified.
            Received(Hanoi(2026, 1, 10), Hanoi(2026, 2, 1), ReportedOutcome.Confirmed, ReportedDetermination.Undetermined, D(2026, 3, 1), null),
            // Never answered, identification due in the period: open, late.
            Received(Hanoi(2026, 1, 20), null, ReportedOutcome.Unanswered, ReportedDetermination.Undetermined, D(2026, 3, 10), null),
            // Identified on time, but due after the period: outside the cohort.
            Received(Hanoi(2026, 2, 10), Hanoi(2026, 3, 1), ReportedOutcome.Confirmed, ReportedDetermination.Victim, D(2026, 3, 20), Hanoi(2026, 3, 1)),
            // Due before the period, identified in it: outside the cohort.
            Received(Hanoi(2025, 10, 20), Hanoi(2025, 11, 20), ReportedOutcome.Confirmed, ReportedDetermination.Undetermined, D(2025, 12, 14), Hanoi(2025, 12, 20)),
            // Not found: the identification deadline does not apply.
            Received(Hanoi(2026, 1, 2), Hanoi(2026, 1, 12), ReportedOutcome.NotFound, ReportedDetermination.Undetermined, null, null),
            // Sent: one identified on time, counted on its own side.
            new(ReportedDirection.Sent, Hanoi(2026, 1, 2), Hanoi(2026, 1, 28), D(2026, 1, 30), ReportedOutcome.Confirmed, ReportedDetermination.Victim, D(2026, 2, 13), Hanoi(2026, 1, 28)),
        ],
        [],
        []);

    private static readonly PeriodicReport Report = PeriodicReport.Compute(Q1, Input);

    [Fact]
    public void TheIdentificationShareIsOverRequestsDueForIdentificationInThePeriodWithOpenOnesLate()
    {
        Assert.Equal((6, 4, 2), (Report.ReceivedDeadlines.IdentificationDueInPeriod, Report.ReceivedDeadlines.Identified, Report.ReceivedDeadlines.IdentifiedWithinDeadline));
        Assert.Equal(1d / 3, Report.ReceivedDeadlines.IdentificationShare);
        Assert.Equal((1, 1, 1), (Report.SentDeadlines.IdentificationDueInPeriod, Report.SentDeadlines.Identified, Report.SentDeadlines.IdentifiedWithinDeadline));
        Assert.Equal(1d, Report.SentDeadlines.IdentificationShare);
        Assert.Null(new DeadlineFigures(3, 1).IdentificationShare);
    }

    [Fact]
    public void TheVerificationFiguresAreUnchangedByTheIdentificationOnes()
    {
        // Every received request falls due for verification on 20 January; four were answered by then (10 and 15 January,
        // 20 November, 12 January), whatever became of their identification.
        Assert.Equal((9, 4), (Report.ReceivedDeadlines.DueInPeriod, Report.ReceivedDeadlines.AnsweredWithinDeadline));
    }

    [Fact]
    public void TheCsvAppendsTheIdentificationRowsAfterEveryEarlierRow()
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        ReportCsv.Write(Report, writer);
        var rows = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
            [
                "requests.sent.identification_due_in_period,1",
                "requests.sent.identified,1",
                "requests.sent.identified_within_deadline,1",
                "requests.sent.identified_within_deadline_share,1",
                "requests.received.identification_due_in_period,6",
                "requests.received.identified,4",
                "requests.received.identified_within_deadline,2",
                "requests.received.identified_within_deadline_share,0.3333",
            ],
            rows[^8..]);
        Assert.StartsWith("monthly.2026-03.alerts_raised,", rows[^9], StringComparison.Ordinal);
        Assert.Equal("按期认定率（已收到请求）", ReportLabels.For("requests.received.identified_within_deadline_share", ReportLanguage.Chinese));
        Assert.Equal("Tỷ lệ hoàn thành xác định nạn nhân đúng hạn (yêu cầu đã gửi)", ReportLabels.For("requests.sent.identified_within_deadline_share", ReportLanguage.Vietnamese));
    }

    [Fact]
    public void ARequestIsIdentifiedOnlyByAnAnswerAndOnlyWhenTheDeadlineApplies()
    {
        Assert.Throws<ArgumentException>(() => Received(Hanoi(2026, 1, 2), Hanoi(2026, 1, 12), ReportedOutcome.Confirmed, ReportedDetermination.Victim, null, Hanoi(2026, 1, 12)));
        Assert.Throws<ArgumentException>(() => Received(Hanoi(2026, 1, 2), null, ReportedOutcome.Unanswered, ReportedDetermination.Victim, D(2026, 2, 13), Hanoi(2026, 1, 12)));
        Assert.Throws<ArgumentException>(() => Received(Hanoi(2026, 1, 2), Hanoi(2026, 1, 12), ReportedOutcome.Confirmed, ReportedDetermination.Victim, D(2026, 2, 13), Hanoi(2026, 1, 11)));
    }
}
