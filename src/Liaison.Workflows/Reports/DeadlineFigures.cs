namespace Liaison.Workflows.Reports;

/// <summary>
/// How promptly one direction's requests were answered. The cohort is the requests whose verification due date falls
/// in the period (Start ≤ due &lt; EndExclusive); a request is on time when answered on or before its due date, in the
/// report's time zone. A request of the cohort still unanswered counts as late.
/// </summary>
/// <param name="DueInPeriod">Requests whose due date falls in the period (the denominator).</param>
/// <param name="AnsweredWithinDeadline">Of those, the ones answered on or before their due date.</param>
public sealed record DeadlineFigures(int DueInPeriod, int AnsweredWithinDeadline)
{
    /// <summary>AnsweredWithinDeadline / DueInPeriod, or null when nothing fell due.</summary>
    public double? Share => DueInPeriod == 0 ? null : (double)AnsweredWithinDeadline / DueInPeriod;
}
