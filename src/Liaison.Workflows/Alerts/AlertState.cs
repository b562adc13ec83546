using Liaison.Workflow.V1;

namespace Liaison.Workflows.Alerts;

/// <summary>The state of one hotline alert; the acknowledgement time is derived from it.</summary>
public sealed record AlertState
{
    /// <summary>The workflow id.</summary>
    public required string WorkflowId { get; init; }

    /// <summary>Where it stands.</summary>
    public required AlertStatus Status { get; init; }

    /// <summary>How urgent it is.</summary>
    public required Urgency Urgency { get; init; }

    /// <summary>The alert's handling code.</summary>
    public required HandlingCode Handling { get; init; }

    /// <summary>When it was raised.</summary>
    public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>How long the receiving side has to acknowledge it.</summary>
    public required TimeSpan AcknowledgementWindow { get; init; }

    /// <summary>When it was acknowledged.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>The officer id that acknowledged it.</summary>
    public string? AcknowledgedBy { get; init; }

    /// <summary>0 until escalated, then the latest escalation level.</summary>
    public uint EscalationLevel { get; init; }

    /// <summary>When it was closed.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>When the last step was applied.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The time by which it must be acknowledged.</summary>
    public DateTimeOffset AcknowledgementDue => RaisedAt + AcknowledgementWindow;

    /// <summary>How long acknowledgement took, once acknowledged.</summary>
    public TimeSpan? TimeToAcknowledge => AcknowledgedAt - RaisedAt;

    /// <summary>True when it is still unacknowledged after its window (escalate it).</summary>
    public bool IsOverdue(DateTimeOffset now) => AcknowledgedAt is null && Status != AlertStatus.Closed && now > AcknowledgementDue;
}
