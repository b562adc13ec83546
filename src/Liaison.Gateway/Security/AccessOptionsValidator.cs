using Liaison.Crypto;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Security;

/// <summary>Checks <see cref="AccessOptions"/> at start-up, with one sentence per problem.</summary>
public sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!CaseAccessNames.IsUnit(options.IntakeUnit))
        {
            failures.Add($"{AccessOptions.Section}:IntakeUnit must name the unit that receives the partner's requests (1 to 64 of A-Z, a-z, 0-9, '/', '.', '_' and '-', e.g. \"blo-intake\"): the partner's cases belong to it.");
        }

        if (options.MaxAuditOpening <= TimeSpan.Zero || options.MaxAuditOpening > TimeSpan.FromDays(366))
        {
            failures.Add($"{AccessOptions.Section}:MaxAuditOpening must be more than zero and at most 366 days (e.g. \"30.00:00:00\").");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>The syntax of the names the access rules compare.</summary>
public static class CaseAccessNames
{
    /// <summary>A unit: 1 to 64 of A-Z, a-z, 0-9, '/', '.', '_' and '-'.</summary>
    public static bool IsUnit(string? unit) => unit is { Length: > 0 } && Identifiers.IsReference(unit);

    /// <summary>A subject id as certificates carry it: 1 to 128 printable characters without white space.</summary>
    public static bool IsSubject(string? subject) =>
        subject is { Length: > 0 and <= 128 } && !subject.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
