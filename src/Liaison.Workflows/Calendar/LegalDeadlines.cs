namespace Liaison.Workflows.Calendar;

/// <summary>The due dates of one verification request, counted in working days of the verifying side's calendar.</summary>
/// <param name="RequestReceived">The local date the verifying side received the request; counting starts the next working day.</param>
/// <param name="VerificationDue">The last day on which verification is on time.</param>
/// <param name="IdentificationDue">The last day on which identification is on time.</param>
public sealed record LegalDeadlines(DateOnly RequestReceived, DateOnly VerificationDue, DateOnly IdentificationDue)
{
    /// <summary>
    /// The due dates for a request received on <paramref name="requestReceived"/>: verification after
    /// <see cref="DeadlinePolicy.VerificationWorkingDays"/> working days, identification
    /// <see cref="DeadlinePolicy.IdentificationWorkingDays"/> working days after that. Pass the verifying side's
    /// country calendar, or the combined calendar where both sides' offices must be open.
    /// </summary>
    public static LegalDeadlines For(DateOnly requestReceived, DeadlinePolicy policy, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(calendar);
        var verification = calendar.AddWorkingDays(requestReceived, policy.VerificationWorkingDays);
        var identification = calendar.AddWorkingDays(verification, policy.IdentificationWorkingDays);
        return new LegalDeadlines(requestReceived, verification, identification);
    }

    /// <summary>The due date of one of the two deadlines.</summary>
    public DateOnly DueDate(DeadlineKind deadline) => deadline switch
    {
        DeadlineKind.Verification => VerificationDue,
        DeadlineKind.Identification => IdentificationDue,
        _ => throw new ArgumentOutOfRangeException(nameof(deadline), deadline, "Unknown deadline."),
    };

    /// <summary>True when the deadline has passed at <paramref name="now"/> in <paramref name="zone"/>; see <see cref="OverdueRule"/>.</summary>
    public bool IsOverdue(DeadlineKind deadline, DateTimeOffset now, TimeZoneInfo zone) =>
        OverdueRule.IsOverdue(DueDate(deadline), now, zone);
}
