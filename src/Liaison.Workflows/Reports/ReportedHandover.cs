namespace Liaison.Workflows.Reports;

/// <summary>What the report needs of one repatriation handover.</summary>
public sealed record ReportedHandover
{
    public ReportedHandover(ReportedHandoverState state, DateTimeOffset? completedAt)
    {
        if ((state == ReportedHandoverState.Completed) != completedAt.HasValue)
        {
            throw new ArgumentException("A handover has a completion time exactly when it is Completed.", nameof(completedAt));
        }

        State = state;
        CompletedAt = completedAt;
    }

    public ReportedHandoverState State { get; }

    /// <summary>When the handover record was signed by both sides; null unless completed.</summary>
    public DateTimeOffset? CompletedAt { get; }
}
