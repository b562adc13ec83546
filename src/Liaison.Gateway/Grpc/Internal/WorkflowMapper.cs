using Google.Protobuf.WellKnownTypes;
using Liaison.Gateway.Storage;
using Liaison.Gateway.V1;
using Liaison.Gateway.Workflows;
using Liaison.Workflow.V1;
using Liaison.Workflows.Alerts;
using Liaison.Workflows.Calendar;
using Liaison.Workflows.Localization;
using Liaison.Workflows.Verification;
using GatewayWorkflow = Liaison.Gateway.V1.Workflow;
using WorkflowKind = Liaison.Workflows.WorkflowKind;

namespace Liaison.Gateway.Grpc.Internal;

/// <summary>From folded workflows to the API's Workflow messages, in the caller's language.</summary>
internal static class WorkflowMapper
{
    public static GatewayWorkflow ToWorkflow(FoldedWorkflow folded, string localNode, WorkflowDeadlines deadlines, DateTimeOffset now, Language language)
    {
        var workflow = new GatewayWorkflow
        {
            Name = "workflows/" + folded.WorkflowId,
            WorkflowId = folded.WorkflowId,
            Kind = folded.Kind switch
            {
                WorkflowKind.Verification => V1.WorkflowKind.Verification,
                WorkflowKind.Criteria => V1.WorkflowKind.Criteria,
                WorkflowKind.Handover => V1.WorkflowKind.Handover,
                WorkflowKind.Alert => V1.WorkflowKind.Alert,
                _ => V1.WorkflowKind.Unspecified,
            },
            State = folded.StateName,
            StateLabel = StateLabel(folded.State, language) ?? folded.StateName,
            PeerNode = folded.Steps.Select(s => s.Message.PeerNode).FirstOrDefault() ?? "",
            InitiatedHere = folded.InitiatorNode == localNode,
        };
        workflow.Steps.AddRange(folded.Steps.Select(ToStep));
        workflow.Conflicts.AddRange(folded.Conflicts.Select(c => new WorkflowConflict { EnvelopeId = c.Step.Message.EnvelopeId.ToString(), Reason = c.Reason }));
        AddMarkings(workflow, folded, language);
        switch (folded.State)
        {
            case VerificationState verification:
                var responder = folded.InitiatorNode == localNode ? workflow.PeerNode : localNode;
                if (deadlines.For(responder, verification.RequestedAt) is { } due)
                {
                    workflow.VerificationDueTime = Timestamp.FromDateTimeOffset(OverdueRule.BecomesOverdueAt(due.Deadlines.VerificationDue, due.Zone));
                    workflow.IdentificationDueTime = Timestamp.FromDateTimeOffset(OverdueRule.BecomesOverdueAt(due.Deadlines.IdentificationDue, due.Zone));
                    var overdue = verification.OverdueDeadline(due.Deadlines, now, due.Zone);
                    workflow.Overdue = overdue is not null;
                    workflow.OverdueDeadline = overdue switch
                    {
                        DeadlineKind.Verification => ReminderDeadline.Verification,
                        DeadlineKind.Identification => ReminderDeadline.Identification,
                        _ => ReminderDeadline.Unspecified,
                    };
                }

                break;
            case AlertState alert:
                workflow.AcknowledgementMinutes = alert.TimeToAcknowledge?.TotalMinutes ?? 0;
                workflow.Overdue = alert.IsOverdue(now);
                break;
        }

        return workflow;
    }

    private static WorkflowStep ToStep(WorkflowStepRecord step) => new()
    {
        EnvelopeId = step.Message.EnvelopeId.ToString(),
        Direction = step.Message.Direction == Storage.MessageDirection.Outbound ? V1.MessageDirection.Outbound : V1.MessageDirection.Inbound,
        AuthorNode = step.AuthorNode,
        CreateTime = Timestamp.FromDateTimeOffset(step.Message.CreatedAt),
        MessageState = MessageMapper.ToState(step.Message.State),
        Event = step.Event,
    };

    private static void AddMarkings(GatewayWorkflow workflow, FoldedWorkflow folded, Language language)
    {
        foreach (var step in folded.Steps)
        {
            var handling = StepHandling.Of(step.Event);
            if (handling is not null && Liaison.Workflows.Handling.HandlingRules.Marking(handling, language) is { } marking && !workflow.Markings.Contains(marking))
            {
                workflow.Markings.Add(marking);
            }
        }
    }

    private static string? StateLabel(object? state, Language language) => state switch
    {
        VerificationState v => Labels.TryOf(v.Status, language),
        Liaison.Workflows.Criteria.CriteriaState c => Labels.TryOf(c.Status, language),
        Liaison.Workflows.Handover.HandoverState h => Labels.TryOf(h.Status, language),
        AlertState a => Labels.TryOf(a.Status, language),
        _ => null,
    };

    /// <summary>vi, zh or en from an accept-language header; English otherwise.</summary>
    public static Language LanguageOf(string? acceptLanguage) =>
        acceptLanguage?.Trim().ToLowerInvariant() switch
        {
            { } value when value.StartsWith("vi", StringComparison.Ordinal) => Language.Vi,
            { } value when value.StartsWith("zh", StringComparison.Ordinal) => Language.Zh,
            _ => Language.En,
        };
}
