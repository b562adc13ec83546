namespace Liaison.Workflows.Reports;

/// <summary>
/// How promptly one direction's requests were answered and their victims identified, in the report's time zone.
/// <para>
/// Verification: the cohort is the requests whose verification due date falls in the period (Start ≤ due &lt;
/// EndExclusive); a request is on time when answered on or before its due date. A request of the cohort still
/// unanswered counts as late.
/// </para>
/// <para>
/// Identification: the cohort is the requests the identification deadline applies to (every request but one answered
/// "not found" or withdrawn unidentified) whose identification due date falls in the period; one is identified when an
/// answer determined whether the person is a victim, on time when that was on or before its identification due date.
/// A request of the cohort not (yet) identified counts as late.
/// </para>
/// </summary>
/// <param name="DueInPeriod">Requests whose verification due date falls in the period (the denominator).</param>
/// <param name="AnsweredWithinDeadline">Of those, the ones answered on or before their due date.</param>
/// <param name="IdentificationDueInPeriod">Requests whose identification due date falls in the period (the denominator).</param>
/// <param name="Identified">Of those, the ones identified by the time the report is computed, on time or late.</param>
/// <param name="IdentifiedWithinDeadline">Of those, the ones identified on or before their identification due date.</param>
public sealed record DeadlineFigures(
    int DueInPeriod,
    int AnsweredWithinDeadline,
    int IdentificationDueInPeriod = 0,
    int Identified = 0,
    int IdentifiedWithinDeadline = 0)
{
    /// <summary>AnsweredWithinDeadline / DueInPeriod, or null when nothing fell due.</summary>
    public double? Share => DueInPeriod == 0 ? null : (double)AnsweredWithinDeadline / DueInPeriod;

    /// <summary>IdentifiedWithinDeadline / IdentificationDueInPeriod, or null when no identification fell due.</summary>
    public double? IdentificationShare => IdentificationDueInPeriod == 0 ? null : (double)IdentifiedWithinDeadline / IdentificationDueInPeriod;
}
