using System.Collections.Immutable;

namespace Liaison.Workflows.Calendar;

/// <summary>
/// When deadline reminders fire: at the start (local midnight) of the working day that lies N working days before
/// the due date, for each configured N (default 5 and 1), and an overdue notice when the deadline passes.
/// Pure and immutable: the caller passes the time and the reminders already sent, and stores what it sends.
/// </summary>
public sealed class ReminderSchedule
{
    public ReminderSchedule(IEnumerable<int> workingDaysBefore)
    {
        ArgumentNullException.ThrowIfNull(workingDaysBefore);
        var days = workingDaysBefore.ToList();
        if (days.Any(d => d <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(workingDaysBefore), "Reminder offsets must be positive numbers of working days.");
        }

        WorkingDaysBefore = [.. days.Distinct().OrderDescending()];
    }

    /// <summary>Reminders 5 and 1 working days before each due date, plus the overdue notice.</summary>
    public static ReminderSchedule Default { get; } = new([5, 1]);

    /// <summary>The offsets in working days, largest (earliest) first.</summary>
    public ImmutableArray<int> WorkingDaysBefore { get; }

    /// <summary>Every reminder of one deadline with the instant it fires, in firing order.</summary>
    public ImmutableArray<(Reminder Reminder, DateTimeOffset FiresAt)> For(
        DeadlineKind deadline, LegalDeadlines deadlines, WorkingDayCalendar calendar, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        ArgumentNullException.ThrowIfNull(calendar);
        var due = deadlines.DueDate(deadline);
        var advance = WorkingDaysBefore.Select(n =>
            (Reminder.Before(deadline, n), OverdueRule.StartOfLocalDay(calendar.AddWorkingDays(due, -n), zone)));
        return [.. advance.Append((Reminder.Overdue(deadline), OverdueRule.BecomesOverdueAt(due, zone))).OrderBy(r => r.Item2)];
    }

    /// <summary>
    /// The reminders to send now for the given open deadlines: those that have fired by <paramref name="now"/> and are not
    /// in <paramref name="alreadySent"/>. Of one deadline's fired reminders only the latest is returned: when the
    /// gateway was down, or the request arrived late, a "5 days left" reminder after the "1 day left" one would mislead.
    /// </summary>
    public ImmutableArray<Reminder> Due(
        LegalDeadlines deadlines,
        IEnumerable<DeadlineKind> openDeadlines,
        WorkingDayCalendar calendar,
        TimeZoneInfo zone,
        DateTimeOffset now,
        IReadOnlyCollection<Reminder> alreadySent)
    {
        ArgumentNullException.ThrowIfNull(openDeadlines);
        ArgumentNullException.ThrowIfNull(alreadySent);
        var due = ImmutableArray.CreateBuilder<Reminder>();
        foreach (var deadline in openDeadlines.Distinct().Order())
        {
            var latestFired = For(deadline, deadlines, calendar, zone).LastOrDefault(r => r.FiresAt <= now).Reminder;
            if (latestFired is not null && !alreadySent.Contains(latestFired))
            {
                due.Add(latestFired);
            }
        }

        return due.ToImmutable();
    }
}
