using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Protection;

/// <summary>
/// Checks <see cref="ProtectionOptions"/> and that its KEKs can be read, with one sentence
/// per problem. Reads the files and the environment, so that a missing or exposed KEK stops
/// the gateway at start-up rather than at its first message.
/// </summary>
public sealed class ProtectionOptionsValidator(Func<string, string?> environment) : IValidateOptions<ProtectionOptions>
{
    public const int MaxBatchSize = 10_000;

    public ProtectionOptionsValidator()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    public ValidateOptionsResult Validate(string? name, ProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>The KEK ring the options describe.</summary>
    /// <exception cref="DataProtectionException">A KEK is missing or unusable; the message says which and why.</exception>
    public static KeyEncryptionKeyRing Load(ProtectionOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var section = ProtectionOptions.Section;
        KeyEncryptionKey current;
        if (!string.IsNullOrWhiteSpace(options.KeyEncryptionKeyFile))
        {
            current = KeyEncryptionKeyFile.Read(options.KeyEncryptionKeyFile);
        }
        else
        {
            var variable = options.KeyEncryptionKeyVariable;
            var text = string.IsNullOrWhiteSpace(variable) ? null : environment(variable);
            current = !string.IsNullOrWhiteSpace(text)
                ? KeyEncryptionKeyFile.Parse(text, $"The environment variable {variable}")
                : throw new DataProtectionException(
                    $"No key-encryption key was given: set {section}:KeyEncryptionKeyFile to a key file (mode 0600; 'liaison keys kek' writes one) or the environment variable {(string.IsNullOrWhiteSpace(variable) ? ProtectionOptions.DefaultKeyEncryptionKeyVariable : variable)}.");
        }

        var previous = options.PreviousKeyEncryptionKeyFiles.Where(p => !string.IsNullOrWhiteSpace(p)).Select(KeyEncryptionKeyFile.Read).ToList();
        return new KeyEncryptionKeyRing(current, previous);
    }

    private IEnumerable<string> Problems(ProtectionOptions options)
    {
        var section = ProtectionOptions.Section;
        string? problem = null;
        try
        {
            _ = Load(options, environment);
        }
        catch (DataProtectionException ex)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return problem;
        }

        if (options.MaintenanceInterval <= TimeSpan.Zero)
        {
            yield return $"{section}:MaintenanceInterval must be a positive duration.";
        }

        if (options.MaintenanceBatchSize is < 1 or > MaxBatchSize)
        {
            yield return $"{section}:MaintenanceBatchSize must be between 1 and {MaxBatchSize}.";
        }
    }
}
