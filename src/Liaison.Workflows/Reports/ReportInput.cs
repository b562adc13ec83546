using System.Collections.Immutable;

namespace Liaison.Workflows.Reports;

/// <summary>Everything a periodic report is computed from. Records outside the period may be included; they are filtered.</summary>
public sealed record ReportInput(
    ImmutableArray<ReportedVerificationRequest> Requests,
    ImmutableArray<ReportedHandover> Handovers,
    ImmutableArray<ReportedAlert> Alerts);
