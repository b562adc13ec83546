namespace Liaison.Workflows.Reports;

/// <summary>The side of the liaison a verification request went to or came from.</summary>
public enum ReportedDirection
{
    /// <summary>We sent it to the partner, who verifies.</summary>
    Sent = 1,

    /// <summary>The partner sent it to us; we verify.</summary>
    Received = 2,
}
