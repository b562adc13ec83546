using Liaison.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace Liaison.Gateway.Tests;

/// <summary>SQLite in a temporary directory, one sub-directory per database.</summary>
public sealed class SqliteBackend : StoreBackend
{
    private readonly string root = Directory.CreateTempSubdirectory("liaison-store-").FullName;
    private int count;

    public override IReadOnlyList<string> DropAuditGuardsSql { get; } =
    [
        "DROP TRIGGER audit_no_update", "DROP TRIGGER audit_no_delete",
        "DROP TRIGGER audit_node_tiles_only_appended", "DROP TRIGGER audit_node_tiles_no_delete",
        "DROP TRIGGER checkpoints_no_update", "DROP TRIGGER checkpoints_no_delete",
    ];

    public override Task<StoreOptions> NewDatabaseAsync() => Task.FromResult(new StoreOptions
    {
        Provider = StoreProvider.Sqlite,
        DataDirectory = Path.Combine(root, "node-" + Interlocked.Increment(ref count)),
    });

    public override async Task<object?> ExecuteRawAsync(StoreOptions options, string sql)
    {
        var path = Path.Combine(options.DataDirectory, "gateway.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var first = await command.ExecuteScalarAsync();
        return first is DBNull ? null : first;
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
        return Task.CompletedTask;
    }
}
