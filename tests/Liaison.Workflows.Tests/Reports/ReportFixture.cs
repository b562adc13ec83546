using Liaison.Workflows.Reports;

namespace Liaison.Workflows.Tests.Reports;

/// <summary>
/// A hand-built input for 2026-Q1 (15 Dec 2025 to 14 Mar 2026, Vietnam time) whose figures were worked out on paper;
/// the comments give each record's part in them.
/// </summary>
internal static class ReportFixture
{
    public static readonly ReportPeriod Q1 = ReportPeriod.Parse("2026-Q1");

    public static DateTimeOffset Hanoi(int year, int month, int day, int hour = 10, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static ReportedVerificationRequest Received(DateTimeOffset at, DateTimeOffset? answered, DateOnly due, ReportedOutcome outcome, ReportedDetermination determination) =>
        new(ReportedDirection.Received, at, answered, due, outcome, determination);

    private static ReportedVerificationRequest Sent(DateTimeOffset at, DateTimeOffset? answered, DateOnly due, ReportedOutcome outcome, ReportedDetermination determination) =>
        new(ReportedDirection.Sent, at, answered, due, outcome, determination);

    public static ReportInput Input() => new(
        [
            // Made in 2026-01; due in period, answered on time; a victim.
            Received(Hanoi(2025, 12, 20), Hanoi(2026, 1, 10), D(2026, 1, 19), ReportedOutcome.Confirmed, ReportedDetermination.Victim),
            // Made in 2026-02; due in period, answered a day late.
            Received(Hanoi(2026, 1, 20), Hanoi(2026, 2, 25), D(2026, 2, 24), ReportedOutcome.NotFound, ReportedDetermination.NotVictim),
            // Made in 2026-03; due after the period, so outside the deadline cohort.
            Received(Hanoi(2026, 2, 20), null, D(2026, 3, 20), ReportedOutcome.Unanswered, ReportedDetermination.Undetermined),
            // Made before the period, but due in it and answered late: in the cohort only.
            Received(Hanoi(2025, 11, 20), Hanoi(2026, 1, 5), D(2025, 12, 18), ReportedOutcome.Confirmed, ReportedDetermination.Victim),
            // Made in 2026-01; due in period and still unanswered: late.
            Received(Hanoi(2026, 1, 5), null, D(2026, 2, 3), ReportedOutcome.Unanswered, ReportedDetermination.Undetermined),
            // Made in 2026-02; answered at 23:30 on its due date: on time; a victim.
            Received(Hanoi(2026, 2, 1), Hanoi(2026, 3, 2, 23, 30), D(2026, 3, 2), ReportedOutcome.PartialMatch, ReportedDetermination.Victim),
            // Made in 2026-02; answered 00:30 the day after its due date in Hanoi (still the due date in UTC): late.
            Received(Hanoi(2026, 2, 2), new DateTimeOffset(2026, 3, 2, 17, 30, 0, TimeSpan.Zero), D(2026, 3, 2), ReportedOutcome.MoreInformationNeeded, ReportedDetermination.Undetermined),
            // Sent at 23:59 on the period's last day: made in 2026-03; due later.
            Sent(Hanoi(2026, 3, 14, 23, 59), null, D(2026, 4, 10), ReportedOutcome.Unanswered, ReportedDetermination.Undetermined),
            // Sent at 00:30 on 15 March in Hanoi (14 March in UTC): outside the period entirely.
            Sent(new DateTimeOffset(2026, 3, 14, 17, 30, 0, TimeSpan.Zero), Hanoi(2026, 3, 20), D(2026, 4, 12), ReportedOutcome.Confirmed, ReportedDetermination.Victim),
            // Sent in 2026-01; answered on its due date: on time; a victim.
            Sent(Hanoi(2026, 1, 2), Hanoi(2026, 1, 30), D(2026, 1, 30), ReportedOutcome.Confirmed, ReportedDetermination.Victim),
        ],
        [
            new ReportedHandover(ReportedHandoverState.Completed, Hanoi(2026, 1, 10)),
            new ReportedHandover(ReportedHandoverState.Completed, Hanoi(2026, 3, 15, 0, 0)), // first instant after the period
            new ReportedHandover(ReportedHandoverState.Planned, null),
            new ReportedHandover(ReportedHandoverState.Cancelled, null),
            new ReportedHandover(ReportedHandoverState.Completed, Hanoi(2025, 12, 15, 0, 0)), // first instant of the period
        ],
        [
            new ReportedAlert(Hanoi(2025, 12, 16), Hanoi(2025, 12, 16).AddMinutes(10)), // 2026-01
            new ReportedAlert(Hanoi(2026, 1, 20), Hanoi(2026, 1, 20).AddMinutes(30)), // 2026-02
            new ReportedAlert(Hanoi(2026, 2, 1), Hanoi(2026, 2, 1).AddMinutes(5)), // 2026-02
            new ReportedAlert(Hanoi(2026, 2, 20), null), // 2026-03, never acknowledged
            new ReportedAlert(Hanoi(2026, 3, 1), Hanoi(2026, 3, 1).AddMinutes(60)), // 2026-03
            new ReportedAlert(Hanoi(2025, 12, 14, 23, 0), Hanoi(2025, 12, 14, 23, 1)), // before the period
        ]);
}
