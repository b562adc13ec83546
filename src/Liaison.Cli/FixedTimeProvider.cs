namespace Liaison.Cli;

/// <summary>A clock stopped at one instant, so that an auditor can check an old envelope as of when it arrived.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    private readonly DateTimeOffset utcNow = now.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => utcNow;
}
