using System.Collections.Immutable;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Liaison.Workflow.V1;
using Liaison.Workflows.Alerts;
using Liaison.Workflows.Handover;
using Liaison.Workflows.Reports;
using Liaison.Workflows.Verification;

namespace Liaison.Gateway.Workflows;

/// <summary>
/// The periodic report from this node's workflows: every verification, handover and alert
/// whose first step falls in (or, for deadlines, before the end of) the period, folded and
/// counted, with the verification and identification due dates as the <see cref="DeadlineMonitor"/> computes them.
/// Counts only: no personal field reaches the report. Thread-safe.
/// </summary>
public sealed class WorkflowReports(GatewayNode node, IGatewayStore store, WorkflowCoordinator coordinator, WorkflowDeadlines deadlines)
{
    public async Task<PeriodicReport> ComputeAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        // A request made before the period can still fall due in it; a year back covers 30 working days.
        var from = new DateTimeOffset(period.Start.AddYears(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(period.EndExclusive.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var requests = ImmutableArray.CreateBuilder<ReportedVerificationRequest>();
        var handovers = ImmutableArray.CreateBuilder<ReportedHandover>();
        var alerts = ImmutableArray.CreateBuilder<ReportedAlert>();
        foreach (var prefix in new[] { "verification.", "handover.", "alert." })
        {
            foreach (var id in await store.ListCorrelationIdsAsync(new CorrelationQuery(from, to) { MessageTypePrefix = prefix }, cancellationToken))
            {
                var workflow = await coordinator.GetAsync(id, cancellationToken);
                switch (workflow.State)
                {
                    case VerificationState verification:
                        requests.Add(Request(workflow, verification));
                        break;
                    case HandoverState handover:
                        handovers.Add(new ReportedHandover(
                            handover.Status switch
                            {
                                HandoverStatus.Completed => ReportedHandoverState.Completed,
                                HandoverStatus.Cancelled or HandoverStatus.Declined => ReportedHandoverState.Cancelled,
                                _ => ReportedHandoverState.Planned,
                            },
                            handover.Status == HandoverStatus.Completed ? handover.CompletedAt : null));
                        break;
                    case AlertState alert:
                        alerts.Add(new ReportedAlert(alert.RaisedAt, alert.AcknowledgedAt));
                        break;
                }
            }
        }

        return PeriodicReport.Compute(period, new ReportInput(requests.ToImmutable(), handovers.ToImmutable(), alerts.ToImmutable()));
    }

    private ReportedVerificationRequest Request(FoldedWorkflow workflow, VerificationState state)
    {
        var sent = workflow.InitiatorNode == node.NodeId;
        var responder = sent ? workflow.Steps[0].Message.PeerNode : node.NodeId;
        // As the deadline monitor counts them; without a calendar for the responder's country or year, in calendar days
        // at 7 for every 5 working days of the policy (28 days for 20) rather than leaving the request out.
        var counted = deadlines.For(responder, state.RequestedAt)?.Deadlines;
        var due = counted?.VerificationDue
            ?? DateOnly.FromDateTime(state.RequestedAt.UtcDateTime.AddDays(CalendarDays(deadlines.Policy.VerificationWorkingDays)));
        var identificationDue = counted?.IdentificationDue ?? due.AddDays(CalendarDays(deadlines.Policy.IdentificationWorkingDays));
        var answered = state.AnsweredAt;
        return new ReportedVerificationRequest(
            sent ? ReportedDirection.Sent : ReportedDirection.Received,
            state.RequestedAt,
            answered,
            due,
            answered is null ? ReportedOutcome.Unanswered : state.Outcome switch
            {
                VerificationOutcome.Confirmed => ReportedOutcome.Confirmed,
                VerificationOutcome.NotFound => ReportedOutcome.NotFound,
                VerificationOutcome.PartialMatch => ReportedOutcome.PartialMatch,
                _ => ReportedOutcome.MoreInformationNeeded,
            },
            state.Determination switch
            {
                VictimDetermination.Victim => ReportedDetermination.Victim,
                VictimDetermination.NotVictim => ReportedDetermination.NotVictim,
                _ => ReportedDetermination.Undetermined,
            },
            state.IdentificationApplies ? identificationDue : null,
            state.IdentifiedAt);
    }

    private static int CalendarDays(int workingDays) => workingDays * 7 / 5;
}
