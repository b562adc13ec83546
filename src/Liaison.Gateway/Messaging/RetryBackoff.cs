namespace Liaison.Gateway.Messaging;

/// <summary>Exponential backoff for failed publishes: base, 2×base, 4×base, … capped.</summary>
public static class RetryBackoff
{
    /// <param name="attempts">How many times the item has been tried, the failed try included (from 1).</param>
    public static TimeSpan Delay(int attempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        // 2^20 × any sensible base already exceeds any sensible cap; this keeps the shift from overflowing.
        var exponent = Math.Clamp(attempts - 1, 0, 20);
        var delay = baseDelay * (1L << exponent);
        return delay < maxDelay ? delay : maxDelay;
    }
}
