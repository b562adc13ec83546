using Liaison.Gateway.Storage.Internal;
using Liaison.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liaison.Gateway.Tests;

/// <summary>
/// The store writer's connection never checkpoints SQLite's WAL on its own: the
/// <see cref="WalCheckpointer"/> does, on its own connection, unless the WAL outgrows it, and
/// then the writer checkpoints once after its next commit.
/// </summary>
public sealed class WalCheckpointerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheWritersCommitsReachTheDatabaseFileOnlyThroughTheCheckpointer()
    {
        await using var db = await WalDatabase.OpenAsync();
        var before = db.DatabaseFileLength;
        // 1,500 pages and more: past SQLite's automatic checkpoint, had the writer's connection kept it.
        await db.CommitRowsAsync(from: 1, count: 600);
        Assert.Equal(before, db.DatabaseFileLength);

        await using var checkpointer = new WalCheckpointer(db.Dialect.OpenAsync, NullLogger.Instance, commitsPerCheckpoint: 1);
        checkpointer.Committed(db.Writer, idle: true);

        // Both at once: the file grows while the checkpoint runs, and the checkpointer counts it only after.
        await Polling.UntilAsync(() => checkpointer.Checkpoints >= 1 && db.DatabaseFileLength >= 600L * 4096, Deadline, "a checkpoint ran and the rows reached the database file");
        Assert.Equal(0, checkpointer.WriterCheckpoints);
    }

    [Fact]
    public async Task AWalThatOutgrewTheBackgroundCheckpointsIsCheckpointedByTheWriterAfterItsNextCommit()
    {
        await using var db = await WalDatabase.OpenAsync();
        await using var checkpointer = new WalCheckpointer(db.Dialect.OpenAsync, NullLogger.Instance, commitsPerCheckpoint: 1_000, writerCheckpointAtFrames: 20);
        await db.CommitRowsAsync(from: 1, count: 30);
        // Not yet due (1,000 commits), but idle: the background checkpoint finds 30 pages and more.
        checkpointer.Committed(db.Writer, idle: true);
        await Polling.UntilAsync(() => checkpointer.Checkpoints >= 1, Deadline, "the background checkpoint ran");
        Assert.Equal(0, checkpointer.WriterCheckpoints);

        await db.CommitRowsAsync(from: 31, count: 1);
        checkpointer.Committed(db.Writer, idle: false);

        // Run by the writer, in that call: nothing to wait for.
        Assert.Equal(1, checkpointer.WriterCheckpoints);
    }

    /// <summary>A store's SQLite file in WAL mode, with a writer's connection as the store opens it.</summary>
    private sealed class WalDatabase : IAsyncDisposable
    {
        private readonly string directory;

        private WalDatabase(string directory, SqliteDialect dialect, SqliteConnection writer)
        {
            this.directory = directory;
            Dialect = dialect;
            Writer = writer;
        }

        public SqliteDialect Dialect { get; }

        public SqliteConnection Writer { get; }

        public long DatabaseFileLength => new FileInfo(Path.Combine(directory, SqliteDialect.FileName)).Length;

        public static async Task<WalDatabase> OpenAsync()
        {
            var directory = Directory.CreateTempSubdirectory("liaison-wal-").FullName;
            var dialect = new SqliteDialect(directory);
            await dialect.PrepareDatabaseAsync(CancellationToken.None);
            var database = new WalDatabase(directory, dialect, (SqliteConnection)await dialect.OpenForWriterAsync(CancellationToken.None));
            await using var create = database.Writer.CreateCommand();
            create.CommandText = "CREATE TABLE t (id integer PRIMARY KEY, b blob NOT NULL)";
            await create.ExecuteNonQueryAsync();
            return database;
        }

        public async Task CommitRowsAsync(int from, int count)
        {
            for (var id = from; id < from + count; id++)
            {
                // Each row fills a page of its own: one commit, one row, at least one new WAL page.
                await using var insert = Writer.CreateCommand();
                insert.CommandText = "INSERT INTO t (id, b) VALUES (@id, zeroblob(4000))";
                insert.Parameters.AddWithValue("@id", id);
                await insert.ExecuteNonQueryAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Writer.DisposeAsync();
            await Dialect.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }
}
