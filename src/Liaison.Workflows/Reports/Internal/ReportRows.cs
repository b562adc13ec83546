using System.Globalization;
using Liaison.Workflows.Calendar.Internal;

namespace Liaison.Workflows.Reports.Internal;

/// <summary>
/// The report flattened to (metric, value) rows with stable names, shared by the CSV and the HTML document so both
/// always say the same. Values are invariant-culture text; a figure that does not exist (a share of nothing) is empty.
/// </summary>
internal static class ReportRows
{
    public static IEnumerable<(string Metric, string Value)> Summary(PeriodicReport report)
    {
        yield return ("period", report.Period.ToString());
        yield return ("period.start", IsoDate.Text(report.Period.Start));
        yield return ("period.end_exclusive", IsoDate.Text(report.Period.EndExclusive));
        yield return ("period.due_before", IsoDate.Text(report.Period.DueBefore));
        yield return ("requests.sent", Count(report.RequestsSent));
        yield return ("requests.received", Count(report.RequestsReceived));
        foreach (var (direction, deadlines, outcomes) in new[]
        {
            ("sent", report.SentDeadlines, report.SentOutcomes),
            ("received", report.ReceivedDeadlines, report.ReceivedOutcomes),
        })
        {
            yield return ($"requests.{direction}.due_in_period", Count(deadlines.DueInPeriod));
            yield return ($"requests.{direction}.answered_within_deadline", Count(deadlines.AnsweredWithinDeadline));
            yield return ($"requests.{direction}.answered_within_deadline_share", Decimal(deadlines.Share));
            foreach (var (key, outcome) in OutcomeKeys)
            {
                yield return ($"requests.{direction}.outcome.{key}", Count(outcomes[outcome]));
            }
        }

        yield return ("victims.identified", Count(report.VictimsIdentified));
        yield return ("handovers.completed", Count(report.HandoversCompleted));
        yield return ("alerts.raised", Count(report.Alerts.Raised));
        yield return ("alerts.acknowledged", Count(report.Alerts.Acknowledged));
        yield return ("alerts.acknowledgement_median_seconds", Decimal(report.Alerts.MedianAcknowledgement?.TotalSeconds));
        yield return ("alerts.acknowledgement_p90_seconds", Decimal(report.Alerts.Percentile90Acknowledgement?.TotalSeconds));
    }

    /// <summary>
    /// The identification deadline's figures per direction. They came after the others were published, so the CSV writes
    /// them after the monthly rows: a reader of the earlier rows by position finds them where they were.
    /// </summary>
    public static IEnumerable<(string Metric, string Value)> Identification(PeriodicReport report)
    {
        foreach (var (direction, deadlines) in new[] { ("sent", report.SentDeadlines), ("received", report.ReceivedDeadlines) })
        {
            yield return ($"requests.{direction}.identification_due_in_period", Count(deadlines.IdentificationDueInPeriod));
            yield return ($"requests.{direction}.identified", Count(deadlines.Identified));
            yield return ($"requests.{direction}.identified_within_deadline", Count(deadlines.IdentifiedWithinDeadline));
            yield return ($"requests.{direction}.identified_within_deadline_share", Decimal(deadlines.IdentificationShare));
        }
    }

    public static IEnumerable<(string Metric, string Value)> Monthly(PeriodicReport report) =>
        report.Months.SelectMany(m => new[]
        {
            ($"monthly.{m.Month}.requests_sent", Count(m.RequestsSent)),
            ($"monthly.{m.Month}.requests_received", Count(m.RequestsReceived)),
            ($"monthly.{m.Month}.alerts_raised", Count(m.AlertsRaised)),
        });

    private static readonly (string Key, ReportedOutcome Outcome)[] OutcomeKeys =
    [
        ("confirmed", ReportedOutcome.Confirmed),
        ("not_found", ReportedOutcome.NotFound),
        ("partial_match", ReportedOutcome.PartialMatch),
        ("more_information_needed", ReportedOutcome.MoreInformationNeeded),
        ("unanswered", ReportedOutcome.Unanswered),
    ];

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Decimal(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty;
}
