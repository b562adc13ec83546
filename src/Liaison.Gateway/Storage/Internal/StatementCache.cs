using System.Data.Common;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// The writer's own connection, kept open from one transaction to the next, with its commands
/// kept by SQL text. A command run again is not parsed and planned again: Microsoft.Data.Sqlite
/// keeps a command's prepared statements until its text changes, and the writer runs the same
/// few dozen statements for every message. Parameters are bound afresh at each run. On SQLite,
/// the writer's INSERTs, UPDATEs and DELETEs run as <see cref="SqliteRawStatement"/>s instead.
/// Not thread-safe: owned by the single writer.
/// </summary>
internal sealed class StatementCache(DbConnection connection) : IAsyncDisposable
{
    // More than the store has statements; texts built per row count (multi-row inserts) add a few.
    private const int Capacity = 512;

    private readonly Dictionary<string, DbCommand> commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SqliteRawStatement?> rawStatements = new(StringComparer.Ordinal);

    public DbConnection Connection => connection;

    /// <summary>The command for <paramref name="sql"/>, created on first use; its caller must not dispose it.</summary>
    public DbCommand Get(string sql)
    {
        if (commands.TryGetValue(sql, out var command))
        {
            return command;
        }

        if (commands.Count >= Capacity)
        {
            // Only ad-hoc texts can fill it (the store's own are fewer): start over rather than track use.
            Clear();
        }

        command = connection.CreateCommand();
        command.CommandText = sql;
        commands.Add(sql, command);
        return command;
    }

    /// <summary>
    /// On SQLite, <paramref name="sql"/> prepared to run without Microsoft.Data.Sqlite's parameter
    /// objects (<see cref="SqliteRawStatement"/>); null on other databases and for a text of several statements.
    /// </summary>
    public SqliteRawStatement? Raw(string sql)
    {
        if (connection is not Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            return null;
        }

        if (!rawStatements.TryGetValue(sql, out var statement))
        {
            if (rawStatements.Count >= Capacity)
            {
                Clear();
            }

            statement = SqliteRawStatement.TryPrepare(sqlite, sql);
            rawStatements.Add(sql, statement);
        }

        return statement;
    }

    public async ValueTask DisposeAsync()
    {
        Clear();
        await connection.DisposeAsync();
    }

    private void Clear()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }

        commands.Clear();
        foreach (var statement in rawStatements.Values)
        {
            statement?.Dispose();
        }

        rawStatements.Clear();
    }
}
