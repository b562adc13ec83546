using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Workflows;

/// <summary>
/// The workflow jobs' log events (41xx). They carry ids, levels and deadlines only, never
/// personal data: supervisors' dashboards and alerting rules key on the event ids.
/// </summary>
internal static partial class WorkflowJobsLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Alert {WorkflowId} not acknowledged within its window: resent to {PeerNode} escalated to supervisors, level {EscalationLevel}")]
    public static partial void AlertEscalated(this ILogger logger, string workflowId, string peerNode, uint escalationLevel);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Alert {WorkflowId} from {PeerNode} escalated to supervisors, level {EscalationLevel}")]
    public static partial void AlertEscalationReceived(this ILogger logger, string workflowId, string peerNode, uint escalationLevel);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Error, Message = "Alert {WorkflowId} still not acknowledged at the highest escalation level {EscalationLevel}; no further resends")]
    public static partial void AlertEscalationExhausted(this ILogger logger, string workflowId, uint escalationLevel);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Verification {WorkflowId}: {Deadline} deadline reminder sent to {PeerNode}, {WorkingDaysLeft} working days left")]
    public static partial void ReminderSent(this ILogger logger, string workflowId, string peerNode, string deadline, int workingDaysLeft);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Verification {WorkflowId} is overdue: its {Deadline} deadline passed; notice sent to {PeerNode}")]
    public static partial void VerificationOverdue(this ILogger logger, string workflowId, string peerNode, string deadline);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "Verification {WorkflowId} from {PeerNode}: reminder of the {Deadline} deadline received, {WorkingDaysLeft} working days left, overdue {Overdue}")]
    public static partial void ReminderReceived(this ILogger logger, string workflowId, string peerNode, string deadline, int workingDaysLeft, bool overdue);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Information, Message = "Workflow {WorkflowId}: the {Job} step was not taken ({Reason}); it is looked at again next sweep")]
    public static partial void JobStepNotTaken(this ILogger logger, string workflowId, string job, string reason);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Warning, Message = "The {Job} sweep failed ({ExceptionType}); it runs again after the interval")]
    public static partial void SweepFailed(this ILogger logger, string job, string exceptionType);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Warning, Message = "Alert {WorkflowId}: the escalation to level {EscalationLevel} was {PreviousState}; resent to {PeerNode}, retry {Attempt} of at most {MaxRetries}")]
    public static partial void AlertEscalationRetried(this ILogger logger, string workflowId, string peerNode, uint escalationLevel, int attempt, int maxRetries, string previousState);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Error, Message = "Alert {WorkflowId}: the escalation to level {EscalationLevel} failed after {MaxRetries} retries; it is not sent again")]
    public static partial void AlertEscalationRetriesExhausted(this ILogger logger, string workflowId, uint escalationLevel, int maxRetries);
}
