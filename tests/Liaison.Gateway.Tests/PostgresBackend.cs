using Liaison.Gateway.Storage;
using Liaison.Testing;
using Npgsql;

namespace Liaison.Gateway.Tests;

/// <summary>
/// A real PostgreSQL server (LIAISON_TEST_POSTGRES, as scripts/services.sh provides,
/// or a Testcontainers one): a fresh database for the test class, and in it a fresh
/// schema per test, the way two gateways share a server. The database is dropped
/// with the class. Without a server the tests fail (never skip) and say how to get one.
/// </summary>
public sealed class PostgresBackend : StoreBackend
{
    private readonly Lazy<Task<PostgresDatabase>> database = new(() => PostgresServer.CreateDatabaseAsync("gateway_store"));
    private int count;

    public override IReadOnlyList<string> DropAuditGuardsSql { get; } =
    [
        "DROP TRIGGER audit_no_change ON audit",
        "DROP TRIGGER audit_node_tiles_only_appended ON audit_node_tiles",
        "DROP TRIGGER audit_node_tiles_no_delete ON audit_node_tiles",
        "DROP TRIGGER checkpoints_no_change ON checkpoints",
    ];

    public override async Task<StoreOptions> NewDatabaseAsync() => new()
    {
        Provider = StoreProvider.Postgres,
        ConnectionString = (await database.Value).ConnectionString,
        Schema = "node-" + Interlocked.Increment(ref count),
    };

    public override async Task<object?> ExecuteRawAsync(StoreOptions options, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString) { SearchPath = $"\"{options.Schema}\"", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var first = await command.ExecuteScalarAsync();
        return first is DBNull ? null : first;
    }

    public override async Task DisposeAsync()
    {
        if (database.IsValueCreated && database.Value.IsCompletedSuccessfully)
        {
            await (await database.Value).DisposeAsync();
        }
    }
}
