using Liaison.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Tests;

public sealed class StoreOptionsValidatorTests
{
    private static List<string> Problems(StoreOptions options) =>
        new StoreOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void SqliteWithADataDirectoryAndPostgresWithAServerAndSchemaAreValid()
    {
        Assert.Empty(Problems(new StoreOptions { DataDirectory = "/var/lib/liaison/vn-laocai" }));
        Assert.Empty(Problems(new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = "Host=db;Username=liaison", Schema = "vn-laocai" }));
    }

    [Fact]
    public void SqliteWithoutADataDirectorySaysWhereTheDatabaseGoes() =>
        Assert.Equal(["Store:DataDirectory must name this node's data directory, where the SQLite database gateway.db is kept."], Problems(new StoreOptions()));

    [Fact]
    public void PostgresNeedsAConnectionStringAndASchemaNamedLikeANode()
    {
        var problems = Problems(new StoreOptions { Provider = StoreProvider.Postgres, Schema = "Lao Cai; DROP SCHEMA" });

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Store:ConnectionString must name the PostgreSQL server", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Store:Schema must be this node's schema name", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnreadableConnectionStringIsRefusedWithoutRepeatingIt()
    {
        var problem = Assert.Single(Problems(new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = "Password=hunter2;Nonsense=1", Schema = "vn-laocai" }));

        Assert.Equal("Store:ConnectionString is not a valid PostgreSQL connection string.", problem);
    }

    [Fact]
    public void BatchSizeAndLeaseMustBePositive()
    {
        var problems = Problems(new StoreOptions { DataDirectory = "d", MaxBatchSize = 0, OutboxClaimLease = TimeSpan.Zero });

        Assert.Equal(["Store:MaxBatchSize must be between 1 and 10000.", "Store:OutboxClaimLease must be a positive duration."], problems);
    }

    [Fact]
    public async Task OpeningWithInvalidOptionsFailsBeforeTouchingAnyDatabase()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayStore.OpenAsync(new StoreOptions(), TimeProvider.System));

        Assert.Contains("Store:DataDirectory", error.Message, StringComparison.Ordinal);
    }
}
