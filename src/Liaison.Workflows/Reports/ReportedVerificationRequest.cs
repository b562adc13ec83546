namespace Liaison.Workflows.Reports;

/// <summary>
/// What the report needs of one verification request: counts only, never the person. The gateway fills it from its store.
/// </summary>
public sealed record ReportedVerificationRequest
{
    public ReportedVerificationRequest(
        ReportedDirection direction,
        DateTimeOffset requestedAt,
        DateTimeOffset? answeredAt,
        DateOnly verificationDue,
        ReportedOutcome outcome,
        ReportedDetermination determination)
    {
        if (answeredAt < requestedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(answeredAt), answeredAt, "A request cannot be answered before it was made.");
        }

        if ((answeredAt is null) != (outcome == ReportedOutcome.Unanswered))
        {
            throw new ArgumentException("A request has an answer time exactly when its outcome is not Unanswered.", nameof(outcome));
        }

        Direction = direction;
        RequestedAt = requestedAt;
        AnsweredAt = answeredAt;
        VerificationDue = verificationDue;
        Outcome = outcome;
        Determination = determination;
    }

    public ReportedDirection Direction { get; }

    /// <summary>When the request was sent (direction Sent) or received (Received).</summary>
    public DateTimeOffset RequestedAt { get; }

    /// <summary>When the answer was sent or received; null while unanswered.</summary>
    public DateTimeOffset? AnsweredAt { get; }

    /// <summary>The last day on which the verification answer is on time (see <c>LegalDeadlines</c>).</summary>
    public DateOnly VerificationDue { get; }

    public ReportedOutcome Outcome { get; }

    public ReportedDetermination Determination { get; }
}
