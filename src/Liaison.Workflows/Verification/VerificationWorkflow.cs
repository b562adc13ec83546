using System.Diagnostics;
using Liaison.Workflow.V1;
using Liaison.Workflows.Calendar;
using Liaison.Workflows.Criteria;
using Liaison.Workflows.Handling;
using Case = Liaison.Workflow.V1.WorkflowEvent.EventOneofCase;
using S = Liaison.Workflows.Verification.VerificationStatus;

namespace Liaison.Workflows.Verification;

/// <summary>
/// The verification workflow: request → answer, or → more information needed
/// → information supplied → answer …; withdrawn by the requesting side before
/// a final answer. A pure fold: no I/O, time comes in as a parameter. Thread-safe.
/// </summary>
public static class VerificationWorkflow
{
    /// <summary>Who may take which step from which status.</summary>
    public static TransitionTable<S> Table { get; } = new(WorkflowKind.Verification,
    [
        new(null, Case.VerificationRequest, StepActor.Initiator),
        new(S.Requested, Case.VerificationAnswer, StepActor.Responder),
        new(S.InformationSupplied, Case.VerificationAnswer, StepActor.Responder),
        new(S.MoreInformationNeeded, Case.VerificationInformationSupplied, StepActor.Initiator),
        new(S.Requested, Case.VerificationWithdrawal, StepActor.Initiator),
        new(S.MoreInformationNeeded, Case.VerificationWithdrawal, StepActor.Initiator),
        new(S.InformationSupplied, Case.VerificationWithdrawal, StepActor.Initiator),
        new(S.Requested, Case.VerificationReminder, StepActor.Either),
        new(S.MoreInformationNeeded, Case.VerificationReminder, StepActor.Either),
        new(S.InformationSupplied, Case.VerificationReminder, StepActor.Either),

        // Only while the identification is still to be completed (see VerificationState.IsAwaitingIdentification).
        new(S.Answered, Case.VerificationAnswer, StepActor.Responder),
        new(S.Answered, Case.VerificationReminder, StepActor.Either),
    ]);

    /// <summary>
    /// Applies one step authored by <paramref name="author"/> at <paramref name="at"/>.
    /// Throws <see cref="IllegalTransitionException"/> for any step the workflow does not allow.
    /// </summary>
    public static VerificationState Apply(VerificationState? current, WorkflowEvent e, Party author, DateTimeOffset at)
    {
        var context = StepAdmission.Admit(Table, current?.WorkflowId, current?.Status, null, e, author);
        return e.EventCase switch
        {
            Case.VerificationRequest => Request(context, e, at),
            Case.VerificationAnswer => Answer(context, current!, e, at),
            Case.VerificationInformationSupplied => Supply(context, current!, e.VerificationInformationSupplied, at),
            Case.VerificationWithdrawal => current! with { Status = S.Withdrawn, WithdrawnAt = at, UpdatedAt = at },
            Case.VerificationReminder => Remind(context, current!, e.VerificationReminder, at),
            _ => throw new UnreachableException(),
        };
    }

    /// <summary>Throws exactly as <see cref="Apply"/> would, without returning the new state.</summary>
    public static void Check(VerificationState? current, WorkflowEvent e, Party author, DateTimeOffset at) => Apply(current, e, author, at);

    /// <summary>True when <see cref="Apply"/> would accept the step.</summary>
    public static bool CanApply(VerificationState? current, WorkflowEvent e, Party author, DateTimeOffset at)
    {
        try
        {
            Check(current, e, author, at);
            return true;
        }
        catch (IllegalTransitionException)
        {
            return false;
        }
    }

    private static VerificationState Request(StepContext context, WorkflowEvent e, DateTimeOffset at)
    {
        var request = e.VerificationRequest;
        if (string.IsNullOrEmpty(e.CaseReference))
        {
            throw context.RefuseBecause("the request carries no case reference");
        }
        if (request.Names.Count == 0)
        {
            throw context.RefuseBecause("the request names nobody");
        }
        if (HandlingValidation.Problem(request.Handling) is { } problem)
        {
            throw context.RefuseBecause(problem);
        }
        if (request.IndicatorCodes.Count > 0 && CriteriaVersionId.From(request.Criteria) is null)
        {
            throw context.RefuseBecause("indicators are given without the criteria version (number and 32-byte digest) they come from");
        }
        return new VerificationState
        {
            WorkflowId = e.WorkflowId,
            Status = S.Requested,
            RequesterCaseReference = e.CaseReference,
            Handling = request.Handling.Code,
            Urgency = request.Urgency,
            RequestedAt = at,
            UpdatedAt = at,
        };
    }

    private static VerificationState Answer(StepContext context, VerificationState current, WorkflowEvent e, DateTimeOffset at)
    {
        var answer = e.VerificationAnswer;
        if (current.Status == S.Answered)
        {
            return CompleteIdentification(context, current, e, at);
        }
        var reason = AnswerProblem(answer, e.CaseReference);
        if (reason is not null)
        {
            throw context.RefuseBecause(reason);
        }
        var final = answer.Outcome != VerificationOutcome.MoreInformationNeeded;
        return current with
        {
            Status = final ? S.Answered : S.MoreInformationNeeded,
            ResponderCaseReference = e.CaseReference,
            Outcome = answer.Outcome,
            Determination = answer.Determination,
            DeterminationCriteria = CriteriaVersionId.From(answer.Criteria),
            InformationRounds = final ? current.InformationRounds : current.InformationRounds + 1,
            AnsweredAt = final ? at : null,
            IdentifiedAt = final && Determined(answer.Determination) ? at : null,
            UpdatedAt = at,
        };
    }

    /// <summary>
    /// A further answer after a final one: only to complete an identification left undetermined, with a
    /// determination; the verification's answer time stays that of the first final answer.
    /// </summary>
    private static VerificationState CompleteIdentification(StepContext context, VerificationState current, WorkflowEvent e, DateTimeOffset at)
    {
        var answer = e.VerificationAnswer;
        if (!current.IsAwaitingIdentification)
        {
            throw AnsweredAlready(context);
        }
        if (answer.Outcome == VerificationOutcome.MoreInformationNeeded || !Determined(answer.Determination))
        {
            throw context.RefuseBecause("the request is answered already; a further answer may only complete the identification, with a final outcome and a victim determination (victim or not a victim)");
        }
        if (AnswerProblem(answer, e.CaseReference) is { } reason)
        {
            throw context.RefuseBecause(reason);
        }
        return current with
        {
            ResponderCaseReference = e.CaseReference,
            Outcome = answer.Outcome,
            Determination = answer.Determination,
            DeterminationCriteria = CriteriaVersionId.From(answer.Criteria),
            IdentifiedAt = at,
            UpdatedAt = at,
        };
    }

    private static bool Determined(VictimDetermination determination) =>
        determination is VictimDetermination.Victim or VictimDetermination.NotVictim;

    /// <summary>The refusal the transition table gives a terminal state, for the rows that apply only while identification is awaited.</summary>
    private static IllegalTransitionException AnsweredAlready(StepContext context) =>
        context.Refuse($"{context.Subject} is {context.State}; it cannot be {context.Participle}");

    private static string? AnswerProblem(VerificationAnswer answer, string caseReference)
    {
        if (string.IsNullOrEmpty(caseReference) || answer.ResponderCaseReference != caseReference)
        {
            return "the answer must carry the responding side's own case reference, in the event and in the answer alike";
        }
        return answer.Outcome switch
        {
            VerificationOutcome.Unspecified => "the answer has no outcome",
            VerificationOutcome.Confirmed or VerificationOutcome.PartialMatch when answer.Identified is null =>
                "a confirmed identity or a partial match must give the identified details",
            VerificationOutcome.MoreInformationNeeded when string.IsNullOrWhiteSpace(answer.InformationNeeded?.Text) =>
                "asking for more information must say what is needed",
            _ when answer.Determination == VictimDetermination.Unspecified =>
                "the answer has no victim determination (victim, not a victim or undetermined)",
            _ when answer.Determination != VictimDetermination.Undetermined && CriteriaVersionId.From(answer.Criteria) is null =>
                "a victim determination must cite the criteria version (number and 32-byte digest) it applied",
            _ => HandlingValidation.Problem(answer.Handling),
        };
    }

    /// <summary>A reminder changes no status; it is recorded so that it is not sent twice.</summary>
    private static VerificationState Remind(StepContext context, VerificationState current, VerificationReminder reminder, DateTimeOffset at)
    {
        if (current.Status == S.Answered && !current.IsAwaitingIdentification)
        {
            throw AnsweredAlready(context);
        }
        if (VerificationReminders.From(reminder) is not { } recorded)
        {
            throw context.RefuseBecause(VerificationReminders.Problem(reminder)!);
        }
        if (current.Status == S.Answered && recorded.Deadline != DeadlineKind.Identification)
        {
            throw context.RefuseBecause("the request is answered; only the identification deadline still runs");
        }
        if (current.Reminders.Contains(recorded))
        {
            throw context.RefuseBecause("this reminder was sent already");
        }
        return current with { Reminders = current.Reminders.Add(recorded), UpdatedAt = at };
    }

    private static VerificationState Supply(StepContext context, VerificationState current, VerificationInformationSupplied supplied, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(supplied.Information?.Text) && supplied.Documents.Count == 0 && supplied.Attachments.Count == 0)
        {
            throw context.RefuseBecause("it supplies no information, document or attachment");
        }
        return current with { Status = S.InformationSupplied, UpdatedAt = at };
    }
}
