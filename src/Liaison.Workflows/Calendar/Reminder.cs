namespace Liaison.Workflows.Calendar;

/// <summary>
/// One reminder of a deadline, identified by what it is rather than when it fires, so a caller can record it as
/// sent and pass it back: either <see cref="WorkingDaysBefore"/> working days before the due date, or the
/// overdue notice (<see cref="IsOverdueNotice"/>, sent when the deadline passes).
/// </summary>
public sealed record Reminder
{
    private Reminder(DeadlineKind deadline, int workingDaysBefore, bool isOverdueNotice)
    {
        Deadline = deadline;
        WorkingDaysBefore = workingDaysBefore;
        IsOverdueNotice = isOverdueNotice;
    }

    /// <summary>The deadline reminded of.</summary>
    public DeadlineKind Deadline { get; }

    /// <summary>Working days before the due date the reminder fires; 0 for the overdue notice.</summary>
    public int WorkingDaysBefore { get; }

    /// <summary>True for the notice sent when the deadline has passed.</summary>
    public bool IsOverdueNotice { get; }

    /// <summary>A reminder at the start of the working day that is <paramref name="workingDays"/> working days before the due date.</summary>
    public static Reminder Before(DeadlineKind deadline, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workingDays);
        return new Reminder(deadline, workingDays, isOverdueNotice: false);
    }

    /// <summary>The notice at the instant the deadline becomes overdue.</summary>
    public static Reminder Overdue(DeadlineKind deadline) => new(deadline, 0, isOverdueNotice: true);
}
