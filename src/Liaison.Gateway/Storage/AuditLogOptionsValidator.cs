using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Storage;

/// <summary>Checks <see cref="AuditLogOptions"/> at start-up and says, in sentences, what to fix.</summary>
public sealed class AuditLogOptionsValidator : IValidateOptions<AuditLogOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.CheckpointInterval < TimeSpan.FromMilliseconds(100) || options.CheckpointInterval > TimeSpan.FromHours(1)
            ? ValidateOptionsResult.Fail($"{AuditLogOptions.Section}:CheckpointInterval must be between 100 ms and one hour; it is {options.CheckpointInterval}.")
            : ValidateOptionsResult.Success;
    }
}
