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
        ReportedDetermination determination,
        DateOnly? identificationDue = null,
        DateTimeOffset? identifiedAt = null)
    {
        if (answeredAt < requestedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(answeredAt), answeredAt, "A request cannot be answered before it was made.");
        }

        if ((answeredAt is null) != (outcome == ReportedOutcome.Unanswered))
        {
            throw new ArgumentException("A request has an answer time exactly when its outcome is not Unanswered.", nameof(outcome));
        }

        if (identifiedAt is not null && (identificationDue is null || answeredAt is null || identifiedAt < answeredAt))
        {
            throw new ArgumentException(
                "A request is identified only by an answer, on or after the first one, and only when the identification deadline applies to it.", nameof(identifiedAt));
        }

        Direction = direction;
        RequestedAt = requestedAt;
        AnsweredAt = answeredAt;
        VerificationDue = verificationDue;
        Outcome = outcome;
        Determination = determination;
        IdentificationDue = identificationDue;
        IdentifiedAt = identifiedAt;
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

    /// <summary>
    /// The last day on which identification is on time (see <c>LegalDeadlines</c>); null when the identification
    /// deadline does not apply (the person was not found, or the request was withdrawn unidentified) or is unknown.
    /// </summary>
    public DateOnly? IdentificationDue { get; }

    /// <summary>When an answer first determined whether the person is a victim; null while not identified.</summary>
    public DateTimeOffset? IdentifiedAt { get; }
}
