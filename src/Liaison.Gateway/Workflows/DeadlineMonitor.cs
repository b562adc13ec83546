using System.Collections.Concurrent;
using System.Globalization;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Liaison.Workflow.V1;
using Liaison.Workflows;
using Liaison.Workflows.Calendar;
using Liaison.Workflows.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Workflows;

/// <summary>
/// Reminds both sides of the legal deadlines of open verification requests. On the side that
/// made a request (it is the one waiting), a request not yet answered finally or withdrawn gets
/// (and one answered with the person found but the victim determination left undetermined gets,
/// for the identification deadline only) the reminders <see cref="ReminderSchedule.Default"/> says are due: 5 and 1 working days before
/// each due date and an overdue notice at the local midnight after it, in the responder's country
/// calendar and time zone (<see cref="WorkflowDeadlines"/>). Each is a
/// <see cref="VerificationReminder"/> step sent to the responder, so both sides hold it; the
/// reminders already sent are read back from the workflow's steps, and each has a request id of
/// its own, so none is sent twice. The responder logs the reminders it receives (event 4106);
/// overdue is logged as such (4105) and shown by the API's <c>overdue</c> flag.
/// <para>
/// A reminder the partner refused, or that expired undelivered, drops out of the fold; it is sent again with a
/// request id of its own per attempt after a backoff that doubles from
/// <see cref="WorkflowJobsOptions.ReminderRetryDelay"/> up to <see cref="WorkflowJobsOptions.ReminderRetryMaxDelay"/>,
/// counted from when the last attempt failed on the injected clock, at most
/// <see cref="WorkflowJobsOptions.ReminderRetries"/> times (event 4111 for each retry, 4112 when they run out), and
/// never while an attempt is on its way or delivered (<see cref="StepRetries"/>, shared with the
/// <see cref="AlertEscalator"/>). A later reminder of the same deadline supersedes a failing one: only the latest
/// fired reminder is ever sent.
/// </para>
/// <para>
/// The node, store, coordinator and deadlines are resolved on the first sweep, because the node
/// is loaded only when the host starts. Thread-safe.
/// </para>
/// </summary>
public sealed class DeadlineMonitor(
    IServiceProvider services,
    TimeProvider time,
    IOptions<WorkflowJobsOptions> options,
    ILogger<DeadlineMonitor> logger) : PeriodicWorkflowJob(Job, options.Value.SweepInterval, time, logger)
{
    private const string Job = "deadline reminder";
    private static readonly DeadlineKind[] BothDeadlines = [DeadlineKind.Verification, DeadlineKind.Identification];
    private static readonly DeadlineKind[] IdentificationOnly = [DeadlineKind.Identification];
    private readonly WorkflowJobsOptions settings = options.Value;
    private readonly StepRetries retries = new(options.Value.ReminderRetryDelay, options.Value.ReminderRetryMaxDelay, options.Value.ReminderRetries);

    // How many of the partner's reminders this process logged per workflow; lost on restart (logged again once).
    private readonly ConcurrentDictionary<string, int> receivedCounts = new(StringComparer.Ordinal);

    // Reminders whose retries ran out and were logged so; lost on restart (logged again once).
    private readonly ConcurrentDictionary<(string WorkflowId, Reminder Reminder), bool> retriesExhausted = new();

    /// <summary>
    /// The request id of one attempt of one reminder of a request, the same in every sweep:
    /// "reminder/{deadline}-{days or overdue}/{workflow id}" for the first attempt,
    /// "reminder/{deadline}-{days or overdue}.{attempt}/{workflow id}" for a retry after a refused or expired one;
    /// with the workflow id's SHA-256 when that would be too long.
    /// </summary>
    public static string RequestIdFor(string workflowId, Reminder reminder, int attempt = 0)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var which = reminder.IsOverdueNotice ? "overdue" : reminder.WorkingDaysBefore.ToString(CultureInfo.InvariantCulture);
        var what = attempt == 0
            ? string.Create(CultureInfo.InvariantCulture, $"reminder/{reminder.Deadline}-{which}")
            : string.Create(CultureInfo.InvariantCulture, $"reminder/{reminder.Deadline}-{which}.{attempt}");
        return WorkflowJobsRequestIds.For(what, workflowId);
    }

    /// <summary>How long after the failure of attempt <paramref name="attempt"/> - 1 of a reminder the attempt may be sent: the delay, doubled per retry, capped.</summary>
    public TimeSpan RetryDelay(int attempt) => retries.DelayBefore(attempt);

    protected override Task SweepAsync(CancellationToken cancellationToken) => SweepOnceAsync(cancellationToken);

    /// <summary>One sweep at the current time; returns the reminders this node sent in it.</summary>
    public async Task<IReadOnlyList<(string WorkflowId, Reminder Reminder)>> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var node = services.GetRequiredService<GatewayNode>();
        var store = services.GetRequiredService<IGatewayStore>();
        var coordinator = services.GetRequiredService<WorkflowCoordinator>();
        var deadlines = services.GetRequiredService<WorkflowDeadlines>();
        var now = Time.GetUtcNow();
        var sent = new List<(string, Reminder)>();
        await foreach (var (id, workflow) in RecentWorkflowsAsync(store, coordinator, "verification.", now - settings.VerificationLookback, cancellationToken))
        {
            if (workflow.State is not VerificationState verification)
            {
                continue;
            }

            var peer = workflow.Steps[0].Message.PeerNode;
            if (workflow.InitiatorNode != node.NodeId)
            {
                ReportReceived(workflow, node.NodeId, peer);
                continue;
            }

            if (OpenDeadlines(verification) is not { Length: > 0 } open
                || deadlines.For(peer, verification.RequestedAt) is not { } due || CalendarOf(node, peer) is not { } calendar)
            {
                continue;
            }

            var reminders = ReminderSchedule.Default.Due(due.Deadlines, open, calendar, due.Zone, now, verification.Reminders);
            foreach (var reminder in reminders)
            {
                if (await NextAttemptAsync(store, id, reminder, now, cancellationToken) is { } attempt
                    && await RemindAsync(coordinator, id, peer, reminder, attempt, cancellationToken))
                {
                    sent.Add((id, reminder));
                }
            }
        }

        return sent;
    }

    /// <summary>
    /// Which attempt of <paramref name="reminder"/> to send now (see <see cref="StepRetries.NextAsync"/>), or null: one is
    /// on its way or delivered, the backoff runs, or the retries ran out (logged once).
    /// </summary>
    private async Task<(int Number, MessageRecord? Failed)?> NextAttemptAsync(IGatewayStore store, string workflowId, Reminder reminder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = await retries.NextAsync(store, attempt => RequestIdFor(workflowId, reminder, attempt), now, cancellationToken);
        if (next.Kind == StepAttemptKind.Exhausted && retriesExhausted.TryAdd((workflowId, reminder), true))
        {
            logger.ReminderRetriesExhausted(workflowId, reminder.Deadline.ToString(), reminder.WorkingDaysBefore, reminder.IsOverdueNotice, retries.Retries);
        }

        return next.Kind == StepAttemptKind.Send ? (next.Number, next.Failed) : null;
    }

    private async Task<bool> RemindAsync(WorkflowCoordinator coordinator, string workflowId, string peer, Reminder reminder, (int Number, MessageRecord? Failed) attempt, CancellationToken cancellationToken)
    {
        var step = VerificationReminders.Step(workflowId, settings.SystemOfficerId, reminder);
        try
        {
            var (_, result) = await coordinator.SubmitStepAsync(RequestIdFor(workflowId, reminder, attempt.Number), peer, step, cancellationToken);
            if (result.IsReplay)
            {
                return false;
            }
        }
        catch (Exception e) when (e is IllegalTransitionException or WorkflowRefusedException or RequestIdConflictException)
        {
            // Answered or withdrawn meanwhile, or the partner's reminder crossed ours: nothing to send now.
            var reason = e.GetType().Name;
            logger.JobStepNotTaken(workflowId, Job, reason);
            return false;
        }

        var deadline = reminder.Deadline.ToString();
        if (attempt.Failed is { } failed)
        {
            logger.ReminderRetried(workflowId, peer, deadline, reminder.WorkingDaysBefore, reminder.IsOverdueNotice, attempt.Number, retries.Retries, failed.State.ToString());
        }
        else if (reminder.IsOverdueNotice)
        {
            logger.VerificationOverdue(workflowId, peer, deadline);
        }
        else
        {
            logger.ReminderSent(workflowId, peer, deadline, reminder.WorkingDaysBefore);
        }

        return true;
    }

    private void ReportReceived(FoldedWorkflow workflow, string nodeId, string peer)
    {
        var received = workflow.Steps
            .Where(s => s.AuthorNode != nodeId && s.Event.EventCase == WorkflowEvent.EventOneofCase.VerificationReminder)
            .Select(s => VerificationReminders.From(s.Event.VerificationReminder))
            .OfType<Reminder>()
            .ToList();
        var logged = receivedCounts.GetOrAdd(workflow.WorkflowId, 0);
        if (received.Count <= logged || !receivedCounts.TryUpdate(workflow.WorkflowId, received.Count, logged))
        {
            return;
        }

        foreach (var reminder in received.Skip(logged))
        {
            logger.ReminderReceived(workflow.WorkflowId, peer, reminder.Deadline.ToString(), reminder.WorkingDaysBefore, reminder.IsOverdueNotice);
        }
    }

    /// <summary>
    /// The deadlines reminded of: both until a final answer (identification is counted from the verification due
    /// date, so it runs out too when nobody answers); after one, the identification deadline while the victim
    /// determination is still to be given; none once identified, not found or withdrawn.
    /// </summary>
    private static DeadlineKind[] OpenDeadlines(VerificationState verification) =>
        !verification.IsFinal ? BothDeadlines : verification.IsAwaitingIdentification ? IdentificationOnly : [];

    /// <summary>The working-day calendar of the responder's country, as <see cref="WorkflowDeadlines"/> counts in it.</summary>
    private static WorkingDayCalendar? CalendarOf(GatewayNode node, string responder) =>
        node.Agreement.FindParty(responder)?.Country switch
        {
            "VN" => HolidayData.BuiltIn.CalendarFor(Country.Vietnam),
            "CN" => HolidayData.BuiltIn.CalendarFor(Country.China),
            _ => null,
        };
}
