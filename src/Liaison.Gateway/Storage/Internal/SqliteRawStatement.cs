using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// One prepared SQLite statement run straight through SQLitePCL, for the writer's INSERTs,
/// UPDATEs and DELETEs. Microsoft.Data.Sqlite binds each parameter by looking its name up in the
/// statement (a linear search of the statement's names) and allocates two objects per parameter
/// per run; the writer binds a few thousand parameters per batch (multi-row audit inserts), and
/// in the exchange benchmark's profile that binding was a tenth of the writers' time. Here each
/// name's index is looked up once and values are bound by index, without allocating. Errors are
/// the same <see cref="SqliteException"/>s Microsoft.Data.Sqlite raises.
/// Not thread-safe: owned by the writer's <see cref="StatementCache"/>.
/// </summary>
internal sealed class SqliteRawStatement : IDisposable
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    private readonly int parameterCount;
    private readonly Dictionary<string, int> indexes = new(StringComparer.Ordinal);

    private SqliteRawStatement(sqlite3 db, sqlite3_stmt statement)
    {
        this.db = db;
        this.statement = statement;
        parameterCount = raw.sqlite3_bind_parameter_count(statement);
    }

    /// <summary>The statement prepared, or null when <paramref name="sql"/> holds more than one statement (the caller then runs it as a command).</summary>
    /// <exception cref="SqliteException">SQLite refused the text.</exception>
    public static SqliteRawStatement? TryPrepare(SqliteConnection connection, string sql)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The writer's SQLite connection is not open.");
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement, out var tail);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            throw Failure(rc, db);
        }

        if (statement is null || !string.IsNullOrWhiteSpace(tail))
        {
            statement?.Dispose();
            return null;
        }

        return new SqliteRawStatement(db, statement);
    }

    /// <summary>True when every value is of a type bound here; the caller runs the others as a command, which knows every type.</summary>
    public static bool CanBind((string Name, object? Value)[] parameters)
    {
        foreach (var (_, value) in parameters)
        {
            if (value is not (null or DBNull or string or long or int or short or byte or bool or double or float or byte[] or ReadOnlyMemory<byte>))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Binds by name (with or without the '@'), runs to the end (a RETURNING statement's rows are skipped) and resets.</summary>
    /// <returns>The rows changed, as <see cref="System.Data.Common.DbCommand.ExecuteNonQuery"/> reports them.</returns>
    /// <exception cref="InvalidOperationException">A parameter of the statement was given no value.</exception>
    /// <exception cref="SqliteException">SQLite refused the statement (a constraint, a trigger, a full disk).</exception>
    public int Execute((string Name, object? Value)[] parameters)
    {
        try
        {
            var bound = 0;
            foreach (var (name, value) in parameters)
            {
                var index = IndexOf(name);
                if (index > 0)
                {
                    Bind(index, value);
                    bound++;
                }
            }

            if (bound < parameterCount)
            {
                throw new InvalidOperationException($"Must add values for all {parameterCount} parameters of the statement; {bound} were given.");
            }

            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
            }

            if (rc != raw.SQLITE_DONE)
            {
                throw Failure(rc, db);
            }

            return raw.sqlite3_changes(db);
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    public void Dispose() => statement.Dispose();

    private int IndexOf(string name)
    {
        if (!indexes.TryGetValue(name, out var index))
        {
            index = raw.sqlite3_bind_parameter_index(statement, name.StartsWith('@') ? name : "@" + name);
            indexes.Add(name, index);
        }

        return index;
    }

    private void Bind(int index, object? value)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(statement, index),
            string text => raw.sqlite3_bind_text(statement, index, text),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            int number => raw.sqlite3_bind_int64(statement, index, number),
            short number => raw.sqlite3_bind_int64(statement, index, number),
            byte number => raw.sqlite3_bind_int64(statement, index, number),
            bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            double real => raw.sqlite3_bind_double(statement, index, real),
            float real => raw.sqlite3_bind_double(statement, index, real),
            byte[] blob => raw.sqlite3_bind_blob(statement, index, blob),
            ReadOnlyMemory<byte> blob => raw.sqlite3_bind_blob(statement, index, blob.Span),
            _ => throw new NotSupportedException($"A {value.GetType().Name} parameter cannot be bound here; CanBind should have sent it to a command."),
        };
        if (rc != raw.SQLITE_OK)
        {
            throw Failure(rc, db);
        }
    }

    /// <summary>The exception Microsoft.Data.Sqlite raises for <paramref name="rc"/>, with SQLite's message and extended code.</summary>
    private static InvalidOperationException Failure(int rc, sqlite3 db)
    {
        SqliteException.ThrowExceptionForRC(rc, db);
        return new InvalidOperationException($"SQLite returned {rc}, which it does not count as an error.");
    }
}
