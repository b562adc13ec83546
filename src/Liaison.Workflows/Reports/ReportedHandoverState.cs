namespace Liaison.Workflows.Reports;

/// <summary>Where a repatriation handover stands, as the gateway maps it for reporting.</summary>
public enum ReportedHandoverState
{
    /// <summary>Agreed or in preparation.</summary>
    Planned = 1,

    /// <summary>The handover record was signed by both sides.</summary>
    Completed = 2,

    /// <summary>Called off.</summary>
    Cancelled = 3,
}
