using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Witnessing;

/// <summary>Checks <see cref="WitnessingOptions"/> at start-up; each failure is one sentence naming the setting.</summary>
public sealed class WitnessingOptionsValidator : IValidateOptions<WitnessingOptions>
{
    public ValidateOptionsResult Validate(string? name, WitnessingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Interval < TimeSpan.FromMilliseconds(100) || options.Interval > TimeSpan.FromHours(1))
        {
            failures.Add($"Witnessing:Interval must be between 100 ms and 1 hour; it is {options.Interval}.");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(10) || options.PollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Witnessing:PollInterval must be between 10 ms and 1 minute; it is {options.PollInterval}.");
        }

        if (options.ResendAfter < options.Interval || options.ResendAfter > TimeSpan.FromDays(7))
        {
            failures.Add($"Witnessing:ResendAfter must be at least Witnessing:Interval ({options.Interval}) and at most 7 days; it is {options.ResendAfter}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
