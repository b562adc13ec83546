namespace Liaison.Workflows.Reports;

/// <summary>Requests sent and received and alerts raised in one reporting month.</summary>
public sealed record MonthlyVolume(ReportMonth Month, int RequestsSent, int RequestsReceived, int AlertsRaised);
