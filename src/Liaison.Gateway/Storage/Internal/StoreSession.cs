using System.Data.Common;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// A connection (and, for writes, its transaction) with helpers to run the store's
/// parameterised SQL. Values are always bound as parameters, never spliced into text.
/// Not thread-safe: one session serves one caller at a time.
/// </summary>
/// <param name="statements">The writer's prepared commands, when the session runs on its connection; null to create and dispose a command per call.</param>
internal sealed class StoreSession(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, StatementCache? statements = null)
{
    public SqlDialect Dialect => dialect;

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        // The writer's statements on SQLite run synchronously, as Microsoft.Data.Sqlite's async methods do anyway.
        if (statements?.Raw(sql) is { } raw && SqliteRawStatement.CanBind(parameters))
        {
            cancellationToken.ThrowIfCancellationRequested();
            return raw.Execute(parameters);
        }

        var command = Command(sql, parameters);
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await ReleaseAsync(command);
        }
    }

    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql, parameters);
        try
        {
            var value = await command.ExecuteScalarAsync(cancellationToken);
            return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await ReleaseAsync(command);
        }
    }

    /// <summary>Runs a query and maps every row.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql, parameters);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(map(reader));
            }

            return rows;
        }
        finally
        {
            await ReleaseAsync(command);
        }
    }

    public async Task<T?> QuerySingleAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        where T : class
    {
        var rows = await QueryAsync(sql, map, cancellationToken, parameters);
        return rows.Count == 0 ? null : rows[0];
    }

    private DbCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        DbCommand command;
        if (statements is null)
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
        }
        else
        {
            command = statements.Get(sql);
            command.Parameters.Clear();
        }

        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            // With its prefix, as written in the SQL: SQLite then finds it in one search of the
            // statement's names instead of one per prefix it tries (Microsoft.Data.Sqlite's fallback).
            parameter.ParameterName = "@" + name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Disposes a command made for one call; a cached one stays for the next.</summary>
    private ValueTask ReleaseAsync(DbCommand command) => statements is null ? command.DisposeAsync() : ValueTask.CompletedTask;
}
