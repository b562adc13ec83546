using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Hosting;

/// <summary>Checks <see cref="RateLimitOptions"/> at start-up and says, in sentences, what to fix.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.PermitsPerSecond is < 1 or > 100_000)
        {
            problems.Add($"{RateLimitOptions.Section}:PermitsPerSecond must be between 1 and 100000; it is {options.PermitsPerSecond}.");
        }

        if (options.Burst < options.PermitsPerSecond || options.Burst > 1_000_000)
        {
            problems.Add($"{RateLimitOptions.Section}:Burst must be at least PermitsPerSecond and at most 1000000; it is {options.Burst}.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
