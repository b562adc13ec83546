using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Workflows;

/// <summary>The deadline reminders' retry events, next to the other workflow job events (41xx).</summary>
internal static partial class WorkflowJobsLog
{
    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "Verification {WorkflowId}: the {Deadline} deadline reminder ({WorkingDaysLeft} working days left, overdue {Overdue}) was {PreviousState}; resent to {PeerNode}, retry {Attempt} of at most {MaxRetries}")]
    public static partial void ReminderRetried(this ILogger logger, string workflowId, string peerNode, string deadline, int workingDaysLeft, bool overdue, int attempt, int maxRetries, string previousState);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Error, Message = "Verification {WorkflowId}: the {Deadline} deadline reminder ({WorkingDaysLeft} working days left, overdue {Overdue}) failed after {MaxRetries} retries; it is not sent again")]
    public static partial void ReminderRetriesExhausted(this ILogger logger, string workflowId, string deadline, int workingDaysLeft, bool overdue, int maxRetries);
}
