using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Workflows;

/// <summary>
/// The retry arithmetic the workflow jobs share for a step of their own (an escalation, a reminder) that must reach
/// the partner. A step refused by the partner, or expired undelivered, drops out of the fold, and its deterministic
/// request id would only be answered as a replay; so each attempt has a request id of its own (attempt 0 is the first
/// sending, 1..<see cref="Retries"/> the retries), and which attempt to send is read back from the attempts' stored
/// states: the next one only when every earlier one failed and the backoff since the last failure has passed on the
/// injected clock (<see cref="DelayBefore"/>, doubling up to a cap), none while one is on its way or delivered.
/// Immutable and thread-safe.
/// </summary>
internal sealed class StepRetries
{
    public StepRetries(TimeSpan delay, TimeSpan maxDelay, int retries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, delay);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        Delay = delay;
        MaxDelay = maxDelay;
        Retries = retries;
    }

    /// <summary>The delay before the first retry.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>How many times a step is sent again after failing; 0 never.</summary>
    public int Retries { get; }

    /// <summary>How long after the failure of attempt <paramref name="attempt"/> - 1 the attempt may be sent: the delay, doubled per retry, capped.</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        var delay = Delay;
        for (var i = 1; i < attempt && delay < MaxDelay; i++)
        {
            delay *= 2;
        }

        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>
    /// Which attempt of a step to send at <paramref name="now"/>, from the attempts already stored under
    /// <paramref name="requestIdFor"/>(attempt): <see cref="StepAttempt.Send"/> with the first when there is none, or
    /// with the next (and the last failed one) when every earlier one was refused or expired and the backoff since the
    /// last failure has passed; <see cref="StepAttempt.Wait"/> while one is on its way or delivered or the backoff runs;
    /// <see cref="StepAttempt.Exhausted"/> when the retries ran out.
    /// </summary>
    public async Task<StepAttempt> NextAsync(IGatewayStore store, Func<int, string> requestIdFor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(requestIdFor);
        MessageRecord? failed = null;
        for (var attempt = 0; attempt <= Retries; attempt++)
        {
            var record = await store.GetByRequestIdAsync(requestIdFor(attempt), cancellationToken);
            if (record is null)
            {
                return failed is null || now >= failed.UpdatedAt + DelayBefore(attempt) ? StepAttempt.Send(attempt, failed) : StepAttempt.Wait;
            }

            if (record.State is not (MessageState.Rejected or MessageState.Expired))
            {
                return StepAttempt.Wait;
            }

            failed = record;
        }

        return StepAttempt.Exhausted;
    }
}
