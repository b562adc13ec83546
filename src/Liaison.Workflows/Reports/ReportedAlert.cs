namespace Liaison.Workflows.Reports;

/// <summary>What the report needs of one hotline alert.</summary>
public sealed record ReportedAlert
{
    public ReportedAlert(DateTimeOffset raisedAt, DateTimeOffset? acknowledgedAt)
    {
        if (acknowledgedAt < raisedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(acknowledgedAt), acknowledgedAt, "An alert cannot be acknowledged before it was raised.");
        }

        RaisedAt = raisedAt;
        AcknowledgedAt = acknowledgedAt;
    }

    public DateTimeOffset RaisedAt { get; }

    /// <summary>When the other side acknowledged it; null while unacknowledged.</summary>
    public DateTimeOffset? AcknowledgedAt { get; }
}
