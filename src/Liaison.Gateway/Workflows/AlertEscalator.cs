using System.Collections.Concurrent;
using System.Globalization;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Liaison.Workflow.V1;
using Liaison.Workflows;
using Liaison.Workflows.Alerts;
using Liaison.Workflows.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Workflows;

/// <summary>
/// Resends hotline alerts that were not acknowledged in time, escalated to the supervisors of
/// both sides. On the side that raised an alert, an alert still unacknowledged after its window
/// gets an <see cref="AlertEscalation"/> step one level higher; the next one only after another
/// full window since the last, and none beyond <see cref="WorkflowJobsOptions.MaxEscalationLevel"/>.
/// The step travels to the partner like any step (that is the resend), so both sides' folds show
/// the level; each side logs it (event 4101 here, 4102 there) for its supervisors.
/// <para>
/// An escalation the partner refused, or that expired undelivered (the broker or the link was
/// down), drops out of the fold; it is sent again on a later sweep, after a backoff that doubles
/// from <see cref="WorkflowJobsOptions.EscalationRetryDelay"/> up to
/// <see cref="WorkflowJobsOptions.EscalationRetryMaxDelay"/>, counted from when the last attempt
/// failed on the injected clock, at most <see cref="WorkflowJobsOptions.EscalationRetries"/>
/// times per level (event 4109 for each retry, 4110 when they run out).
/// </para>
/// <para>
/// Idempotent: an escalation's request id is derived from the workflow id, the level and the
/// attempt, and the attempt from the earlier attempts' stored states, so a sweep repeated after a
/// crash or by a second instance answers from the store instead of escalating twice; a level with
/// an attempt on its way or delivered is never sent again. The node, store and coordinator are resolved on the first sweep, because
/// the node is loaded only when the host starts. Thread-safe.
/// </para>
/// </summary>
public sealed class AlertEscalator(
    IServiceProvider services,
    TimeProvider time,
    IOptions<WorkflowJobsOptions> options,
    ILogger<AlertEscalator> logger) : PeriodicWorkflowJob(Job, options.Value.SweepInterval, time, logger)
{
    private const string Job = "alert escalation";
    private readonly WorkflowJobsOptions settings = options.Value;
    private readonly StepRetries retries = new(options.Value.EscalationRetryDelay, options.Value.EscalationRetryMaxDelay, options.Value.EscalationRetries);

    // What this process already logged: the partner's escalation levels, and alerts that ran out of levels.
    // Lost on restart, so an escalation may be logged once more after one; never missed.
    private readonly ConcurrentDictionary<string, uint> receivedLevels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> exhausted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string WorkflowId, uint Level), bool> retriesExhausted = new();

    /// <summary>
    /// The request id of an alert's escalation to <paramref name="level"/>, the same in every sweep:
    /// "escalation/{level}/{workflow id}" for the first attempt, "escalation/{level}.{attempt}/{workflow id}"
    /// for a retry after a refused or expired one; with the workflow id's SHA-256 when that would be too long.
    /// </summary>
    public static string RequestIdFor(string workflowId, uint level, int attempt = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var what = attempt == 0
            ? string.Create(CultureInfo.InvariantCulture, $"escalation/{level}")
            : string.Create(CultureInfo.InvariantCulture, $"escalation/{level}.{attempt}");
        return WorkflowJobsRequestIds.For(what, workflowId);
    }

    /// <summary>How long after the failure of attempt <paramref name="attempt"/> - 1 the attempt may be sent: the delay, doubled per retry, capped.</summary>
    public TimeSpan RetryDelay(int attempt) => retries.DelayBefore(attempt);

    protected override Task SweepAsync(CancellationToken cancellationToken) => SweepOnceAsync(cancellationToken);

    /// <summary>One sweep at the current time; returns the escalations this node took in it (workflow id, level).</summary>
    public async Task<IReadOnlyList<(string WorkflowId, uint Level)>> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var node = services.GetRequiredService<GatewayNode>();
        var store = services.GetRequiredService<IGatewayStore>();
        var coordinator = services.GetRequiredService<WorkflowCoordinator>();
        var now = Time.GetUtcNow();
        var taken = new List<(string, uint)>();
        await foreach (var (id, workflow) in RecentWorkflowsAsync(store, coordinator, "alert.", now - settings.AlertLookback, cancellationToken))
        {
            if (workflow.State is not AlertState alert)
            {
                continue;
            }

            var peer = workflow.Steps[0].Message.PeerNode;
            if (workflow.InitiatorNode != node.NodeId)
            {
                ReportReceived(id, peer, alert);
            }
            else if (NextLevel(workflow, alert, now) is { } level
                && await NextAttemptAsync(store, id, level, now, cancellationToken) is { } attempt
                && await EscalateAsync(coordinator, workflow, peer, level, attempt, cancellationToken))
            {
                taken.Add((id, level));
            }
        }

        return taken;
    }

    /// <summary>The level to escalate to now, or null: acknowledged, closed, within the window since the last resend, or out of levels.</summary>
    private uint? NextLevel(FoldedWorkflow workflow, AlertState alert, DateTimeOffset now)
    {
        if (!alert.IsOverdue(now))
        {
            return null;
        }

        var lastResend = workflow.Steps.LastOrDefault(s => s.Event.EventCase == WorkflowEvent.EventOneofCase.AlertEscalation)?.Message.CreatedAt ?? alert.RaisedAt;
        if (now <= lastResend + alert.AcknowledgementWindow)
        {
            return null;
        }

        if (alert.EscalationLevel >= settings.MaxEscalationLevel)
        {
            if (exhausted.TryAdd(alert.WorkflowId, true))
            {
                logger.AlertEscalationExhausted(alert.WorkflowId, alert.EscalationLevel);
            }

            return null;
        }

        return alert.EscalationLevel + 1;
    }

    /// <summary>
    /// Which attempt of the escalation to <paramref name="level"/> to send now (see <see cref="StepRetries.NextAsync"/>), or null:
    /// one is on its way or delivered (the level is taken), the backoff runs, or the retries ran out (logged once).
    /// </summary>
    private async Task<(int Number, MessageRecord? Failed)?> NextAttemptAsync(IGatewayStore store, string workflowId, uint level, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = await retries.NextAsync(store, attempt => RequestIdFor(workflowId, level, attempt), now, cancellationToken);
        if (next.Kind == StepAttemptKind.Exhausted && retriesExhausted.TryAdd((workflowId, level), true))
        {
            logger.AlertEscalationRetriesExhausted(workflowId, level, retries.Retries);
        }

        return next.Kind == StepAttemptKind.Send ? (next.Number, next.Failed) : null;
    }

    private async Task<bool> EscalateAsync(WorkflowCoordinator coordinator, FoldedWorkflow workflow, string peer, uint level, (int Number, MessageRecord? Failed) attempt, CancellationToken cancellationToken)
    {
        var step = new WorkflowEvent
        {
            WorkflowId = workflow.WorkflowId,
            CaseReference = workflow.Steps[0].Event.CaseReference,
            OfficerId = settings.SystemOfficerId,
            AlertEscalation = new AlertEscalation
            {
                EscalationLevel = level,
                Reason = new LocalizedText { Language = LanguageTags.Of(Language.En), Text = Notices.Escalation(level, Language.En) },
                Texts = { LanguageTags.InEveryLanguage(language => Notices.Escalation(level, language)) },
            },
        };
        try
        {
            var (_, result) = await coordinator.SubmitStepAsync(RequestIdFor(workflow.WorkflowId, level, attempt.Number), peer, step, cancellationToken);
            if (result.IsReplay)
            {
                return false;
            }
        }
        catch (Exception e) when (e is IllegalTransitionException or WorkflowRefusedException or RequestIdConflictException)
        {
            // Acknowledged or closed meanwhile, or the step was taken under this id before: nothing to resend now.
            var reason = e.GetType().Name;
            logger.JobStepNotTaken(workflow.WorkflowId, Job, reason);
            return false;
        }

        if (attempt.Failed is { } failed)
        {
            logger.AlertEscalationRetried(workflow.WorkflowId, peer, level, attempt.Number, retries.Retries, failed.State.ToString());
        }
        else
        {
            logger.AlertEscalated(workflow.WorkflowId, peer, level);
        }

        return true;
    }

    private void ReportReceived(string workflowId, string peer, AlertState alert)
    {
        var level = alert.EscalationLevel;
        if (level == 0)
        {
            return;
        }

        var previous = receivedLevels.GetOrAdd(workflowId, 0u);
        if (level > previous && receivedLevels.TryUpdate(workflowId, level, previous))
        {
            logger.AlertEscalationReceived(workflowId, peer, level);
        }
    }
}
