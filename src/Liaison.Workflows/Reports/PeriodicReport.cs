using System.Collections.Immutable;
using Liaison.Workflows.Calendar;
using Liaison.Workflows.Reports.Internal;

namespace Liaison.Workflows.Reports;

/// <summary>
/// The figures of one periodic report to the steering committee: counts only, never personal data. Instants are
/// placed in the period by their local date in the report's time zone (Vietnam by default: the reporting duty is
/// Lao Cai's). Definitions:
/// <list type="bullet">
/// <item>requests sent/received, outcomes and victims identified: requests made in the period (by RequestedAt), with
/// the outcome and determination known when the report is computed;</item>
/// <item>deadline figures, of the verification and of the identification deadline: see <see cref="DeadlineFigures"/>;</item>
/// <item>handovers completed: completed (CompletedAt) in the period;</item>
/// <item>alerts: raised in the period; see <see cref="AlertFigures"/>;</item>
/// <item>monthly volumes: the same request and alert counts per reporting month.</item>
/// </list>
/// </summary>
public sealed record PeriodicReport(
    ReportPeriod Period,
    int RequestsSent,
    int RequestsReceived,
    DeadlineFigures SentDeadlines,
    DeadlineFigures ReceivedDeadlines,
    ImmutableSortedDictionary<ReportedOutcome, int> SentOutcomes,
    ImmutableSortedDictionary<ReportedOutcome, int> ReceivedOutcomes,
    int VictimsIdentified,
    int HandoversCompleted,
    AlertFigures Alerts,
    ImmutableArray<MonthlyVolume> Months)
{
    /// <summary>Computes the report with dates taken in Vietnam's time zone.</summary>
    public static PeriodicReport Compute(ReportPeriod period, ReportInput input) => Compute(period, input, LegalTimeZones.Vietnam);

    /// <summary>Computes the report with dates taken in <paramref name="zone"/>.</summary>
    public static PeriodicReport Compute(ReportPeriod period, ReportInput input, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(zone);
        bool InPeriod(DateOnly date) => date >= period.Start && date < period.EndExclusive;
        DateOnly Local(DateTimeOffset instant) => OverdueRule.LocalDate(instant, zone);

        var made = input.Requests.Where(r => InPeriod(Local(r.RequestedAt))).ToList();
        var alerts = input.Alerts.Where(a => InPeriod(Local(a.RaisedAt))).ToList();

        DeadlineFigures Deadlines(ReportedDirection direction)
        {
            var cohort = input.Requests.Where(r => r.Direction == direction && InPeriod(r.VerificationDue)).ToList();
            var identification = input.Requests.Where(r => r.Direction == direction && r.IdentificationDue is { } due && InPeriod(due)).ToList();
            return new DeadlineFigures(
                cohort.Count,
                cohort.Count(r => r.AnsweredAt is { } at && Local(at) <= r.VerificationDue),
                identification.Count,
                identification.Count(r => r.IdentifiedAt.HasValue),
                identification.Count(r => r.IdentifiedAt is { } at && Local(at) <= r.IdentificationDue!.Value));
        }

        ImmutableSortedDictionary<ReportedOutcome, int> Outcomes(ReportedDirection direction) =>
            Enum.GetValues<ReportedOutcome>().ToImmutableSortedDictionary(o => o, o => made.Count(r => r.Direction == direction && r.Outcome == o));

        var acknowledgementTimes = alerts.Where(a => a.AcknowledgedAt.HasValue)
            .Select(a => a.AcknowledgedAt!.Value - a.RaisedAt).Order().ToList();

        return new PeriodicReport(
            period,
            made.Count(r => r.Direction == ReportedDirection.Sent),
            made.Count(r => r.Direction == ReportedDirection.Received),
            Deadlines(ReportedDirection.Sent),
            Deadlines(ReportedDirection.Received),
            Outcomes(ReportedDirection.Sent),
            Outcomes(ReportedDirection.Received),
            made.Count(r => r.Determination == ReportedDetermination.Victim),
            input.Handovers.Count(h => h.State == ReportedHandoverState.Completed && InPeriod(Local(h.CompletedAt!.Value))),
            new AlertFigures(alerts.Count, acknowledgementTimes.Count,
                NearestRank.Percentile(acknowledgementTimes, 50), NearestRank.Percentile(acknowledgementTimes, 90)),
            [.. period.ReportingMonths().Select(month => new MonthlyVolume(
                month,
                made.Count(r => r.Direction == ReportedDirection.Sent && month.Contains(Local(r.RequestedAt))),
                made.Count(r => r.Direction == ReportedDirection.Received && month.Contains(Local(r.RequestedAt))),
                alerts.Count(a => month.Contains(Local(a.RaisedAt)))))]);
    }
}
