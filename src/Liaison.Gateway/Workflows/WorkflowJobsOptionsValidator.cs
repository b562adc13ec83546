using Liaison.Workflows;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Workflows;

/// <summary>Checks <see cref="WorkflowJobsOptions"/> at start-up and says, in sentences, what to fix.</summary>
public sealed class WorkflowJobsOptionsValidator : IValidateOptions<WorkflowJobsOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowJobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.SweepInterval <= TimeSpan.Zero || options.SweepInterval > TimeSpan.FromHours(1))
        {
            problems.Add($"Workflows:SweepInterval must be positive and at most one hour; it is {options.SweepInterval}.");
        }

        if (options.MaxEscalationLevel is < 1 or > 10)
        {
            problems.Add($"Workflows:MaxEscalationLevel must be between 1 and 10; it is {options.MaxEscalationLevel}.");
        }

        if (options.EscalationRetryDelay <= TimeSpan.Zero || options.EscalationRetryDelay > TimeSpan.FromHours(1))
        {
            problems.Add($"Workflows:EscalationRetryDelay must be positive and at most one hour; it is {options.EscalationRetryDelay}.");
        }

        if (options.EscalationRetryMaxDelay < options.EscalationRetryDelay || options.EscalationRetryMaxDelay > TimeSpan.FromDays(1))
        {
            problems.Add($"Workflows:EscalationRetryMaxDelay must be at least Workflows:EscalationRetryDelay and at most one day; it is {options.EscalationRetryMaxDelay}.");
        }

        if (options.EscalationRetries is < 0 or > 20)
        {
            problems.Add($"Workflows:EscalationRetries must be between 0 and 20; it is {options.EscalationRetries}.");
        }

        if (options.ReminderRetryDelay <= TimeSpan.Zero || options.ReminderRetryDelay > TimeSpan.FromHours(1))
        {
            problems.Add($"Workflows:ReminderRetryDelay must be positive and at most one hour; it is {options.ReminderRetryDelay}.");
        }

        if (options.ReminderRetryMaxDelay < options.ReminderRetryDelay || options.ReminderRetryMaxDelay > TimeSpan.FromDays(1))
        {
            problems.Add($"Workflows:ReminderRetryMaxDelay must be at least Workflows:ReminderRetryDelay and at most one day; it is {options.ReminderRetryMaxDelay}.");
        }

        if (options.ReminderRetries is < 0 or > 50)
        {
            problems.Add($"Workflows:ReminderRetries must be between 0 and 50; it is {options.ReminderRetries}.");
        }

        if (options.AlertLookback <= TimeSpan.Zero)
        {
            problems.Add("Workflows:AlertLookback must be positive.");
        }

        if (options.VerificationLookback < TimeSpan.FromDays(60))
        {
            problems.Add("Workflows:VerificationLookback must be at least 60 days, or requests would be forgotten before their deadlines.");
        }

        if (!WorkflowIds.IsValid(options.SystemOfficerId))
        {
            problems.Add("Workflows:SystemOfficerId must be 1-64 of A-Za-z0-9/._-, starting with a letter or digit (an opaque id, never a name).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
