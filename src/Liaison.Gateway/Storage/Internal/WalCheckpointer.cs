using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// Checkpoints SQLite's WAL on a connection and a task of its own, so that the single writer
/// does not have to. With SQLite's automatic checkpoint, the commit that takes the WAL past 1,000
/// pages also copies them into the database file and fsyncs it before the writer can start its
/// next batch: in the exchange benchmark, about half of each side's commit time, the sending
/// side's writer being what limited the exchange. Here the writer's connection has the automatic
/// checkpoint off, and after every few commits (or when its queue runs dry) this copies what it
/// can in PASSIVE mode, which waits for nobody. A passive checkpoint may never catch up with a
/// writer that never pauses, and the WAL only starts again from its beginning once one has:
/// when the WAL passes <see cref="WriterCheckpointAtFrames"/> pages, the writer itself runs one
/// passive checkpoint after its next commit, as SQLite's automatic checkpoint would have, which
/// nothing can append to meanwhile. Durability is unchanged: the writer's commits still fsync
/// the WAL, and a checkpoint fsyncs the database file before the WAL is reused.
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>Commits after which a checkpoint is due, unless the writer goes idle first.</summary>
    public const int CommitsPerCheckpoint = 8;

    /// <summary>WAL pages (4 KiB each) from which the writer checkpoints once itself: 64 MiB.</summary>
    public const int WriterCheckpointAtFrames = 16_384;

    private readonly Func<CancellationToken, Task<System.Data.Common.DbConnection>> open;
    private readonly ILogger logger;
    private readonly int commitsPerCheckpoint;
    private readonly int writerCheckpointAtFrames;
    private readonly Channel<bool> due = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Task loop;
    private int commitsSinceCheckpoint;
    private int writerTurn;
    private long checkpoints;
    private long writerCheckpoints;
    private SqliteConnection? connection;

    /// <param name="open">Opens the checkpointer's own connection.</param>
    public WalCheckpointer(Func<CancellationToken, Task<System.Data.Common.DbConnection>> open, ILogger logger, int commitsPerCheckpoint = CommitsPerCheckpoint, int writerCheckpointAtFrames = WriterCheckpointAtFrames)
    {
        this.open = open;
        this.logger = logger;
        this.commitsPerCheckpoint = commitsPerCheckpoint;
        this.writerCheckpointAtFrames = writerCheckpointAtFrames;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Checkpoints run on the checkpointer's own connection so far.</summary>
    public long Checkpoints => Interlocked.Read(ref checkpoints);

    /// <summary>Checkpoints the writer had to run itself so far (a WAL that outgrew <see cref="WriterCheckpointAtFrames"/>).</summary>
    public long WriterCheckpoints => Interlocked.Read(ref writerCheckpoints);

    /// <summary>
    /// Called by the writer after each commit, on its connection. Hands a checkpoint to the
    /// checkpointer's task, except when the WAL has outgrown the passive checkpoints: then the
    /// writer runs one itself, here.
    /// </summary>
    /// <param name="idle">The writer has nothing queued: a checkpoint now costs it nothing.</param>
    public void Committed(System.Data.Common.DbConnection writer, bool idle)
    {
        if (Interlocked.Exchange(ref writerTurn, 0) == 1 && writer is SqliteConnection sqlite)
        {
            try
            {
                var (log, copied) = Checkpoint(sqlite);
                Interlocked.Increment(ref writerCheckpoints);
                StoreLog.WalCheckpointedByWriter(logger, log, copied);
            }
            catch (SqliteException e)
            {
                // Committed already: a checkpoint that fails leaves the WAL longer, nothing else.
                StoreLog.WalCheckpointFailed(logger, e.GetType().Name);
            }
        }

        if (Interlocked.Increment(ref commitsSinceCheckpoint) >= commitsPerCheckpoint || idle)
        {
            due.Writer.TryWrite(true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        due.Writer.TryComplete();
        await loop;
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task RunAsync()
    {
        while (await due.Reader.WaitToReadAsync())
        {
            due.Reader.TryRead(out _);
            Interlocked.Exchange(ref commitsSinceCheckpoint, 0);
            // Not a swallowing catch-all: the error is logged, the connection dropped, and the next
            // commit tries again; meanwhile the WAL only grows, and nothing committed is lost.
            try
            {
                connection ??= (SqliteConnection)await open(CancellationToken.None);
                var (log, _) = Checkpoint(connection);
                Interlocked.Increment(ref checkpoints);
                if (log >= writerCheckpointAtFrames)
                {
                    Interlocked.Exchange(ref writerTurn, 1);
                }
            }
#pragma warning disable CA1031 // See above.
            catch (Exception e)
#pragma warning restore CA1031
            {
                StoreLog.WalCheckpointFailed(logger, e.GetType().Name);
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                    connection = null;
                }
            }
        }
    }

    /// <summary>A PASSIVE checkpoint on <paramref name="on"/>: it copies what no reader still needs and waits for nobody.</summary>
    /// <returns>The WAL's pages, and how many of them are in the database file now.</returns>
    private static (int Log, int Copied) Checkpoint(SqliteConnection on)
    {
        var db = on.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var rc = raw.sqlite3_wal_checkpoint_v2(db, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out var log, out var copied);
        // SQLITE_BUSY: another checkpoint was running (the writer's and this one met); the next one goes on.
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_BUSY)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        return (log, copied);
    }
}
