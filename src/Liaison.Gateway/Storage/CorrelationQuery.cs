namespace Liaison.Gateway.Storage;

/// <summary>Which correlation ids <see cref="IGatewayStore.ListCorrelationIdsAsync"/> lists.</summary>
/// <param name="From">Messages created at or after this time.</param>
/// <param name="ToExclusive">Messages created before this time.</param>
public sealed record CorrelationQuery(DateTimeOffset From, DateTimeOffset ToExclusive)
{
    /// <summary>Only messages with this case reference; null for any.</summary>
    public string? CaseReference { get; init; }

    /// <summary>Only messages whose type starts with this, e.g. "verification."; null for any.</summary>
    public string? MessageTypePrefix { get; init; }

    /// <summary>At most this many ids. Default 10 000.</summary>
    public int Max { get; init; } = 10_000;

    /// <summary>Every time there is.</summary>
    public static CorrelationQuery AllTime { get; } = new(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue);
}
