namespace Liaison.Workflows.Reports;

/// <summary>
/// Hotline alerts raised in the period and how quickly they were acknowledged. Times are over the alerts raised in
/// the period that were acknowledged at all, by nearest rank: the p-th percentile of n sorted values is the value at
/// 1-based rank ⌈p/100 × n⌉, so the median of an even count is the lower middle value and every figure is an
/// observed time. Null when no alert was acknowledged.
/// </summary>
public sealed record AlertFigures(int Raised, int Acknowledged, TimeSpan? MedianAcknowledgement, TimeSpan? Percentile90Acknowledgement);
