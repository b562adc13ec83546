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

    /// <summary>When the final answer was given.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>When the request was withdrawn.</summary>
    public DateTimeOffset? WithdrawnAt { get; init; }

    /// <summary>The deadline reminders either side sent, in order (steps that change no status).</summary>
    public ImmutableList<Reminder> Reminders { get; init; } = [];

    /// <summary>True once answered finally or withdrawn: no step applies any more.</summary>
    public bool IsFinal => Status is VerificationStatus.Answered or VerificationStatus.Withdrawn;
}
