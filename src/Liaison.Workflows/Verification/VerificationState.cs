using System.Collections.Immutable;
using Liaison.Workflow.V1;
using Liaison.Workflows.Calendar;
using Liaison.Workflows.Criteria;

namespace Liaison.Workflows.Verification;

/// <summary>
/// The state of one verification: the fold of its events. It holds no
/// personal data (names stay in the stored events), only what the workflow
/// and the deadlines need.
/// </summary>
public sealed record VerificationState
{
    /// <summary>The workflow id (the envelopes' correlation id).</summary>
    public required string WorkflowId { get; init; }

    /// <summary>Where it stands.</summary>
    public required VerificationStatus Status { get; init; }

    /// <summary>The requesting side's case reference.</summary>
    public required string RequesterCaseReference { get; init; }

    /// <summary>The responding side's case reference, once it has answered.</summary>
    public string? ResponderCaseReference { get; init; }

    /// <summary>The request's handling code.</summary>
    public required HandlingCode Handling { get; init; }

    /// <summary>The request's urgency.</summary>
    public required Urgency Urgency { get; init; }

    /// <summary>When the request was made.</summary>
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>When the last step was applied.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>How many times more information was asked for.</summary>
    public int InformationRounds { get; init; }

    /// <summary>The latest answer's outcome, if any.</summary>
    public VerificationOutcome? Outcome { get; init; }

    /// <summary>The latest answer's victim determination, if any.</summary>
    public VictimDetermination? Determination { get; init; }

    /// <summary>The criteria version the determination cites.</summary>
    public CriteriaVersionId? DeterminationCriteria { get; init; }

    /// <summary>When the final answer was given (the first one, when a later answer completed the identification).</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>When a final answer first determined whether the person is a victim (victim or not a victim): identification is complete.</summary>
    public DateTimeOffset? IdentifiedAt { get; init; }

    /// <summary>When the request was withdrawn.</summary>
    public DateTimeOffset? WithdrawnAt { get; init; }

    /// <summary>The deadline reminders either side sent, in order (steps that change no status).</summary>
    public ImmutableList<Reminder> Reminders { get; init; } = [];

    /// <summary>
    /// True once answered finally or withdrawn: the verification deadline no longer runs, and no step applies any
    /// more except, while <see cref="IsAwaitingIdentification"/>, the answer that completes the identification and
    /// reminders of its deadline.
    /// </summary>
    public bool IsFinal => Status is VerificationStatus.Answered or VerificationStatus.Withdrawn;

    /// <summary>
    /// True when the person was found (confirmed or partial match) but the answer left the victim determination
    /// undetermined: verification is done and the identification deadline runs until an answer determines it.
    /// A person not found has nothing left to identify.
    /// </summary>
    public bool IsAwaitingIdentification =>
        Status == VerificationStatus.Answered
        && Outcome is VerificationOutcome.Confirmed or VerificationOutcome.PartialMatch
        && Determination == VictimDetermination.Undetermined;

    /// <summary>
    /// True when the identification deadline applies to this request, as the deadline monitor reminds it: while no final
    /// answer was given (it is counted from the verification due date, so it runs out too when nobody answers), while
    /// <see cref="IsAwaitingIdentification"/>, and once identified; not for a person not found or a request withdrawn
    /// unidentified.
    /// </summary>
    public bool IdentificationApplies => IdentifiedAt.HasValue || !IsFinal || IsAwaitingIdentification;

    /// <summary>
    /// The legal deadline currently running: verification until a final answer, then identification while
    /// <see cref="IsAwaitingIdentification"/>; null once neither runs (identified, not found or withdrawn).
    /// </summary>
    public DeadlineKind? RunningDeadline => Status switch
    {
        VerificationStatus.Requested or VerificationStatus.MoreInformationNeeded or VerificationStatus.InformationSupplied => DeadlineKind.Verification,
        _ when IsAwaitingIdentification => DeadlineKind.Identification,
        _ => null,
    };

    /// <summary>The running deadline when it has passed at <paramref name="now"/> (see <see cref="OverdueRule"/>), or null: nothing is overdue.</summary>
    public DeadlineKind? OverdueDeadline(LegalDeadlines deadlines, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        return RunningDeadline is { } running && deadlines.IsOverdue(running, now, zone) ? running : null;
    }
}
