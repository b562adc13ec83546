namespace Liaison.Gateway.Grpc.Internal;

/// <summary>A client made more calls than its rate limit allows (RESOURCE_EXHAUSTED); it may retry after <see cref="RetryAfter"/>.</summary>
internal sealed class RateLimitedException : Exception
{
    public RateLimitedException(TimeSpan retryAfter)
        : base("Too many calls from this client; retry after the delay given.") => RetryAfter = retryAfter;

    public RateLimitedException()
        : this(TimeSpan.FromSeconds(1))
    {
    }

    public RateLimitedException(string message)
        : base(message) => RetryAfter = TimeSpan.FromSeconds(1);

    public RateLimitedException(string message, Exception innerException)
        : base(message, innerException) => RetryAfter = TimeSpan.FromSeconds(1);

    public TimeSpan RetryAfter { get; }
}
