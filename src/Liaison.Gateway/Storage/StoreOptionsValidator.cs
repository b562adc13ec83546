using Liaison.Crypto;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Liaison.Gateway.Storage;

/// <summary>Checks <see cref="StoreOptions"/> across fields, with one sentence per problem.</summary>
public sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public const int MaxBatchSizeLimit = 10_000;

    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <exception cref="OptionsValidationException">The options are not usable.</exception>
    internal static void ThrowIfInvalid(StoreOptions options)
    {
        var result = new StoreOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(StoreOptions.Section, typeof(StoreOptions), result.Failures);
        }
    }

    private static IEnumerable<string> Problems(StoreOptions options)
    {
        var section = StoreOptions.Section;
        if (!Enum.IsDefined(options.Provider))
        {
            yield return $"{section}:Provider must be Sqlite or Postgres.";
        }

        if (options.Provider == StoreProvider.Sqlite && string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            yield return $"{section}:DataDirectory must name this node's data directory, where the SQLite database gateway.db is kept.";
        }

        if (options.Provider == StoreProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                yield return $"{section}:ConnectionString must name the PostgreSQL server when the provider is Postgres.";
            }
            else if (!IsConnectionString(options.ConnectionString))
            {
                // The text itself is not repeated: it may hold a password.
                yield return $"{section}:ConnectionString is not a valid PostgreSQL connection string.";
            }

            if (!Identifiers.IsNodeId(options.Schema))
            {
                yield return $"{section}:Schema must be this node's schema name (normally its node id): lower-case letters, digits and '-', at most 63 characters.";
            }
        }

        if (options.MaxBatchSize is < 1 or > MaxBatchSizeLimit)
        {
            yield return $"{section}:MaxBatchSize must be between 1 and {MaxBatchSizeLimit}.";
        }

        if (options.OutboxClaimLease <= TimeSpan.Zero)
        {
            yield return $"{section}:OutboxClaimLease must be a positive duration.";
        }
    }

    private static bool IsConnectionString(string value)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
