namespace Liaison.Workflows.Alerts;

/// <summary>Where a hotline alert stands.</summary>
public enum AlertStatus
{
    /// <summary>Raised; waiting for acknowledgement.</summary>
    Raised,

    /// <summary>Resent to supervisors; still waiting for acknowledgement.</summary>
    Escalated,

    /// <summary>Acknowledged by the receiving side.</summary>
    Acknowledged,

    /// <summary>Closed. Terminal.</summary>
    Closed,
}
