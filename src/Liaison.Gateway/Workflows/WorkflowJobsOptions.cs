namespace Liaison.Gateway.Workflows;

/// <summary>
/// Settings of the workflows' background jobs, the <see cref="AlertEscalator"/> and the
/// <see cref="DeadlineMonitor"/>, from the "Workflows" section; checked at start-up by
/// <see cref="WorkflowJobsOptionsValidator"/>. Mutable for configuration binding only.
/// </summary>
public sealed class WorkflowJobsOptions
{
    public const string Section = "Workflows";

    /// <summary>How often each job looks at the open workflows. Default 30 seconds; at most 1 hour.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The highest escalation level an unacknowledged alert reaches; after it the gateway stops
    /// resending (people are on the phone by then). Default 3; between 1 and 10.
    /// </summary>
    public int MaxEscalationLevel { get; set; } = 3;

    /// <summary>
    /// How long after an escalation was refused by the partner, or expired undelivered, it is sent again; the delay
    /// doubles with each retry of the same level up to <see cref="EscalationRetryMaxDelay"/>. Default 1 minute;
    /// positive, at most 1 hour.
    /// </summary>
    public TimeSpan EscalationRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest delay between two attempts of one escalation. Default 15 minutes; at least <see cref="EscalationRetryDelay"/>, at most 1 day.</summary>
    public TimeSpan EscalationRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many times one escalation level is sent again after failing; 0 never. Default 5; between 0 and 20.</summary>
    public int EscalationRetries { get; set; } = 5;

    /// <summary>
    /// How long after a deadline reminder or overdue notice was refused by the partner, or expired undelivered, it is
    /// sent again; the delay doubles with each retry of the same reminder up to <see cref="ReminderRetryMaxDelay"/>.
    /// Default 5 minutes; positive, at most 1 hour.
    /// </summary>
    public TimeSpan ReminderRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest delay between two attempts of one reminder. Default 2 hours; at least <see cref="ReminderRetryDelay"/>, at most 1 day.</summary>
    public TimeSpan ReminderRetryMaxDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// How many times one reminder is sent again after failing; 0 never. Default 20 (with the default delays, about a
    /// day and a half of a broken link); between 0 and 50.
    /// </summary>
    public int ReminderRetries { get; set; } = 20;

    /// <summary>Alerts with no step for longer than this are no longer looked at. Default 7 days.</summary>
    public TimeSpan AlertLookback { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Verification requests with no step for longer than this are no longer looked at. Default
    /// 180 days: well past both deadlines (30 working days) even across Tết or Golden Week.
    /// </summary>
    public TimeSpan VerificationLookback { get; set; } = TimeSpan.FromDays(180);

    /// <summary>
    /// The officer id the gateway's own steps (escalations, reminders) carry: opaque, never a
    /// name, 1-64 of A-Za-z0-9/._-. Default "gateway.system".
    /// </summary>
    public string SystemOfficerId { get; set; } = "gateway.system";
}
