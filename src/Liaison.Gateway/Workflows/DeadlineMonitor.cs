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

    // How many of the partner's reminders this process logged per workflow; lost on restart (logged again once).
    private readonly ConcurrentDictionary<string, int> receivedCounts = new(StringComparer.Ordinal);

    /// <summary>
    /// The request id of one reminder of a request, the same in every retry: "reminder/{deadline}-{days or overdue}/{workflow id}",
    /// or with the workflow id's SHA-256 when that would be too long.
    /// </summary>
    public static string RequestIdFor(string workflowId, Reminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var which = reminder.IsOverdueNotice ? "overdue" : reminder.WorkingDaysBefore.ToString(CultureInfo.InvariantCulture);
        return WorkflowJobsRequestIds.For(string.Create(CultureInfo.InvariantCulture, $"reminder/{reminder.Deadline}-{which}"), workflowId);
    }

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
                if (await RemindAsync(coordinator, id, peer, reminder, cancellationToken))
                {
                    sent.Add((id, reminder));
                }
            }
        }

        return sent;
    }

    private async Task<bool> RemindAsync(WorkflowCoordinator coordinator, string workflowId, string peer, Reminder reminder, CancellationToken cancellationToken)
    {
        var step = VerificationReminders.Step(workflowId, settings.SystemOfficerId, reminder);
        try
        {
            var (_, result) = await coordinator.SubmitStepAsync(RequestIdFor(workflowId, reminder), peer, step, cancellationToken);
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
        if (reminder.IsOverdueNotice)
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
