using Liaison.Gateway.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace Liaison.Gateway.Tests;

/// <summary>
/// The writer's statements that bypass Microsoft.Data.Sqlite's parameters
/// (<see cref="SqliteRawStatement"/>, through <see cref="StoreSession.ExecuteAsync"/> on the
/// writer's <see cref="StatementCache"/>) store what a command would, and fail as a command would.
/// </summary>
public sealed class SqliteRawStatementTests
{

    [Fact]
    public async Task Every_bound_type_is_stored_as_a_command_would_store_it()
    {
        await using var db = await WriterDatabase.OpenAsync();
        var (session, statements) = (db.Session, db.Statements);
        const string Insert = "INSERT INTO t (id, i, r, s, b) VALUES (@id, @i, @r, @s, @b)";
        Assert.NotNull(statements.Raw(Insert));
        (string, object?)[][] rows =
        [
            [("id", 1L), ("i", long.MaxValue), ("r", 1.5d), ("s", "Bát Xát 八"), ("b", new byte[] { 1, 2, 3 })],
            [("id", 2), ("i", (short)-7), ("r", 2.25f), ("s", ""), ("b", Array.Empty<byte>())],
            [("id", 3), ("i", (byte)200), ("r", null), ("s", DBNull.Value), ("b", new ReadOnlyMemory<byte>([9, 8, 7, 6], 1, 2))],
            [("id", 4), ("i", true), ("r", 0d), ("s", null), ("b", ReadOnlyMemory<byte>.Empty)],
        ];
        foreach (var row in rows)
        {
            Assert.Equal(1, await session.ExecuteAsync(Insert, CancellationToken.None, row));
        }

        var stored = await session.QueryAsync(
            "SELECT id, i, r, s, b, typeof(b), typeof(s) FROM t ORDER BY id",
            r => (Id: r.GetInt64(0), I: r.GetInt64(1), R: r.IsDBNull(2) ? (double?)null : r.GetDouble(2), S: r.IsDBNull(3) ? null : r.GetString(3),
                B: r.IsDBNull(4) ? null : (byte[])r.GetValue(4), BlobType: r.GetString(5), TextType: r.GetString(6)),
            CancellationToken.None);

        Assert.Equal([1L, 2, 3, 4], stored.Select(s => s.Id));
        Assert.Equal([long.MaxValue, -7, 200, 1], stored.Select(s => s.I));
        Assert.Equal([1.5, 2.25, null, 0], stored.Select(s => s.R));
        Assert.Equal(["Bát Xát 八", "", null, null], stored.Select(s => s.S));
        Assert.Equal(["text", "text", "null", "null"], stored.Select(s => s.TextType));
        Assert.Equal([1, 2, 3], stored[0].B);
        // An empty array is an empty blob, not NULL, as Microsoft.Data.Sqlite stores it.
        Assert.Equal(["blob", "blob", "blob", "blob"], stored.Select(s => s.BlobType));
        Assert.Empty(stored[1].B!);
        Assert.Equal([8, 7], stored[2].B);
        Assert.Empty(stored[3].B!);
    }

    [Fact]
    public async Task A_refused_row_raises_SQLites_error_and_leaves_the_statement_ready_for_the_next()
    {
        await using var db = await WriterDatabase.OpenAsync();
        var (session, statements) = (db.Session, db.Statements);
        const string Insert = "INSERT INTO t (id, u) VALUES (@id, @u)";
        await session.ExecuteAsync(Insert, CancellationToken.None, ("id", 1), ("u", "same"));

        var error = await Assert.ThrowsAsync<SqliteException>(() => session.ExecuteAsync(Insert, CancellationToken.None, ("id", 2), ("u", "same")));

        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Contains("UNIQUE constraint failed: t.u", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await session.ExecuteAsync(Insert, CancellationToken.None, ("id", 2), ("u", "other")));
        Assert.Equal(2L, await session.ScalarAsync<long>("SELECT COUNT(*) FROM t", CancellationToken.None));
    }

    [Fact]
    public async Task A_parameter_left_without_a_value_is_an_error_and_nothing_is_written()
    {
        await using var db = await WriterDatabase.OpenAsync();
        var (session, statements) = (db.Session, db.Statements);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            session.ExecuteAsync("INSERT INTO t (id, s) VALUES (@id, @s)", CancellationToken.None, ("id", 1)));

        Assert.Contains("2 parameters", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await session.ScalarAsync<long>("SELECT COUNT(*) FROM t", CancellationToken.None));
    }

    [Fact]
    public async Task Values_are_bound_afresh_at_each_run()
    {
        await using var db = await WriterDatabase.OpenAsync();
        var (session, statements) = (db.Session, db.Statements);
        const string Insert = "INSERT INTO t (id, s) VALUES (@id, @s)";
        await session.ExecuteAsync(Insert, CancellationToken.None, ("id", 1), ("s", "first"));
        await session.ExecuteAsync(Insert, CancellationToken.None, ("id", 2), ("s", null));

        Assert.Equal(["first", null], await session.QueryAsync("SELECT s FROM t ORDER BY id", r => r.IsDBNull(0) ? null : r.GetString(0), CancellationToken.None));
    }

    [Fact]
    public async Task A_statement_with_RETURNING_runs_to_its_end()
    {
        await using var db = await WriterDatabase.OpenAsync();
        var (session, statements) = (db.Session, db.Statements);
        Assert.Equal(1, await session.ExecuteAsync("INSERT INTO t (id, s) VALUES (@id, @s) RETURNING id", CancellationToken.None, ("id", 5), ("s", "x")));
        Assert.Equal(1, await session.ExecuteAsync("DELETE FROM t WHERE id = @id RETURNING id", CancellationToken.None, ("id", 5)));
        Assert.Equal(0L, await session.ScalarAsync<long>("SELECT COUNT(*) FROM t", CancellationToken.None));
    }

    [Fact]
    public async Task Texts_of_several_statements_and_values_of_other_types_run_as_commands()
    {
        await using var db = await WriterDatabase.OpenAsync();
        var (session, statements) = (db.Session, db.Statements);
        const string Two = "INSERT INTO t (id) VALUES (1); INSERT INTO t (id) VALUES (2)";
        Assert.Null(statements.Raw(Two));
        await session.ExecuteAsync(Two, CancellationToken.None);

        // A decimal is not bound by the raw statement; Microsoft.Data.Sqlite stores it (as text).
        Assert.False(SqliteRawStatement.CanBind([("s", 1.25m)]));
        await session.ExecuteAsync("INSERT INTO t (id, s) VALUES (@id, @s)", CancellationToken.None, ("id", 3), ("s", 1.25m));

        Assert.Equal([1L, 2, 3], await session.QueryAsync("SELECT id FROM t ORDER BY id", r => r.GetInt64(0), CancellationToken.None));
        Assert.Equal("1.25", await session.ScalarAsync<string>("SELECT s FROM t WHERE id = 3", CancellationToken.None));
    }

    /// <summary>A database file with one table, and a session on the writer's statement cache.</summary>
    private sealed class WriterDatabase : IAsyncDisposable
    {
        private readonly string directory;

        private WriterDatabase(string directory, StatementCache statements)
        {
            this.directory = directory;
            Statements = statements;
            Session = new StoreSession(statements.Connection, null, new SqliteDialect(directory), statements);
        }

        public StatementCache Statements { get; }

        public StoreSession Session { get; }

        public static async Task<WriterDatabase> OpenAsync()
        {
            var directory = Directory.CreateTempSubdirectory("liaison-raw-").FullName;
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "raw.db"), Pooling = false }.ToString());
            await connection.OpenAsync();
            var database = new WriterDatabase(directory, new StatementCache(connection));
            await database.Session.ExecuteAsync("CREATE TABLE t (id integer PRIMARY KEY, i integer, r real, s text, b blob, u text UNIQUE)", CancellationToken.None);
            return database;
        }

        public async ValueTask DisposeAsync()
        {
            await Statements.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }
}
