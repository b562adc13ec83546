namespace Liaison.Gateway.Witnessing;

/// <summary>Cross-witnessing of the audit logs, from the "Witnessing" section. Validated at start-up by <see cref="WitnessingOptionsValidator"/>.</summary>
public sealed class WitnessingOptions
{
    public const string Section = "Witnessing";

    /// <summary>
    /// How often the node considers sending its latest checkpoint to its partner for cosigning
    /// (only when its log grew by more than the witnessing's own traffic). Default 30 s; 100 ms to 1 hour.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the node looks for witnessing messages that arrived (checkpoints to cosign, answers). Default 1 s; 10 ms to 1 minute.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a checkpoint sent for cosigning may stay unanswered before the latest one is sent
    /// again (while the partner is unreachable the envelopes wait in the queues, so this only
    /// bounds a lost answer). Default 10 minutes; at least <see cref="Interval"/>, at most 7 days.
    /// </summary>
    public TimeSpan ResendAfter { get; set; } = TimeSpan.FromMinutes(10);
}
