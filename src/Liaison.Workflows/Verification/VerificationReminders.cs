using Liaison.Workflow.V1;
using Liaison.Workflows.Calendar;
using Liaison.Workflows.Localization;

namespace Liaison.Workflows.Verification;

/// <summary>
/// Converts between the calendar's <see cref="Reminder"/> and the <see cref="VerificationReminder"/>
/// step that carries it across the border. Pure and thread-safe.
/// </summary>
public static class VerificationReminders
{
    /// <summary>
    /// The step that sends <paramref name="reminder"/> for <paramref name="workflowId"/>, authored by
    /// <paramref name="officerId"/>, with its notice in Vietnamese, Chinese and English (<see cref="Notices.Reminder"/>).
    /// </summary>
    public static WorkflowEvent Step(string workflowId, string officerId, Reminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return new WorkflowEvent
        {
            WorkflowId = workflowId,
            OfficerId = officerId,
            VerificationReminder = new VerificationReminder
            {
                Deadline = reminder.Deadline switch
                {
                    DeadlineKind.Verification => ReminderDeadline.Verification,
                    DeadlineKind.Identification => ReminderDeadline.Identification,
                    var other => throw new ArgumentOutOfRangeException(nameof(reminder), other, "Unknown deadline."),
                },
                WorkingDaysLeft = reminder.WorkingDaysBefore,
                Overdue = reminder.IsOverdueNotice,
                Texts = { LanguageTags.InEveryLanguage(language => Notices.Reminder(reminder, language)) },
            },
        };
    }

    /// <summary>The reminder a step carries, or null when it is malformed (see <see cref="Problem"/>).</summary>
    public static Reminder? From(VerificationReminder step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (Problem(step) is not null)
        {
            return null;
        }

        var deadline = step.Deadline == ReminderDeadline.Verification ? DeadlineKind.Verification : DeadlineKind.Identification;
        return step.Overdue ? Reminder.Overdue(deadline) : Reminder.Before(deadline, step.WorkingDaysLeft);
    }

    /// <summary>Why a reminder step is malformed, in words; null when it is well formed.</summary>
    public static string? Problem(VerificationReminder step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step switch
        {
            { Deadline: not (ReminderDeadline.Verification or ReminderDeadline.Identification) } =>
                "the reminder must name the verification or the identification deadline",
            { Overdue: true, WorkingDaysLeft: not 0 } => "an overdue notice has no working days left",
            { Overdue: false, WorkingDaysLeft: <= 0 } => "a reminder before the due date must say how many working days are left (at least 1)",
            _ => null,
        };
    }
}
