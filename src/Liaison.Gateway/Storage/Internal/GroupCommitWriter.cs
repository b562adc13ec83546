using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// Group commit: callers' writes go into a queue; one writer takes whatever is
/// queued (up to the batch size), runs it all in ONE transaction and commits, and
/// only then completes the callers' tasks. Under load, one commit (one fsync)
/// serves many writes; when idle, a lone write commits at once, without waiting
/// for company. If a batch fails, its writes run again one per transaction, so a
/// bad write fails alone and the others still commit. On SQLite, copying the WAL
/// into the database file is left to a <see cref="WalCheckpointer"/> beside the
/// writer, which it tells of each commit.
/// <para>
/// Thread-safe: any number of callers may enqueue. Writes run strictly one at a
/// time, in queue order, which is also what keeps the audit chain and the sequence
/// counters free of races without any locking in the operations.
/// </para>
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<IPendingWrite> queue = Channel.CreateUnbounded<IPendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqlDialect dialect;
    private readonly TimeProvider time;
    private readonly StoreOptions options;
    private readonly ILogger logger;
    private readonly Task loop;
    private readonly Protection.FieldProtection? protection;
    private readonly WalCheckpointer? checkpointer;

    // The audit log's head, carried from one transaction to the next (see AuditLog).
    private readonly AuditLog audit;
    private long committedTransactions;
    private long busyTimestampTicks;

    // Per StoreWriterPhase: entries and Stopwatch ticks, read by other threads (Interlocked).
    private readonly long[] phaseCounts = new long[Enum.GetValues<StoreWriterPhase>().Length];
    private readonly long[] phaseTicks = new long[Enum.GetValues<StoreWriterPhase>().Length];

    // The writer's connection and its prepared commands; null until the first write, and after a failed one.
    private StatementCache? statements;

    public GroupCommitWriter(SqlDialect dialect, TimeProvider time, StoreOptions options, ILogger logger, Protection.FieldProtection? protection = null, IAuditSubjects? subjects = null)
    {
        this.protection = protection;
        this.dialect = dialect;
        this.time = time;
        this.options = options;
        this.logger = logger;
        audit = new AuditLog(time, subjects);
        checkpointer = dialect.StartCheckpointer(logger);
        loop = Task.Run(RunAsync);
    }

    /// <summary>How many write transactions have committed: fewer than the writes when batching works.</summary>
    public long CommittedTransactions => Interlocked.Read(ref committedTransactions);

    /// <summary>
    /// How long the writer has spent running and committing transactions (fsyncs included):
    /// next to the wall time, how near the one writer is to being the store's bottleneck.
    /// </summary>
    public TimeSpan BusyTime => TimeSpan.FromTicks(Interlocked.Read(ref busyTimestampTicks) * TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency);

    /// <summary>SQLite WAL checkpoints so far: by the checkpointer beside the writer, and by the writer itself; zeros on PostgreSQL.</summary>
    public (long Background, long ByWriter) WalCheckpoints => checkpointer is null ? (0, 0) : (checkpointer.Checkpoints, checkpointer.WriterCheckpoints);

    /// <summary>
    /// Where the busy time went, phase by phase: the writes of each kind, the batches' ends and
    /// their commits. Wall time, as <see cref="BusyTime"/>; a write run again alone after its
    /// batch failed counts twice.
    /// </summary>
    public IReadOnlyList<StoreWriterTime> TimeByPhase() =>
        [.. Enum.GetValues<StoreWriterPhase>().Select(p => new StoreWriterTime(
            p,
            Interlocked.Read(ref phaseCounts[(int)p]),
            TimeSpan.FromTicks(Interlocked.Read(ref phaseTicks[(int)p]) * TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency)))];

    /// <summary>
    /// Queues a write; the task completes once its transaction has committed. The
    /// write is queued before this method returns, so calls made one after another
    /// run in that order.
    /// </summary>
    /// <param name="phase">What kind of write it is, for <see cref="TimeByPhase"/>.</param>
    /// <param name="finished">Called once on the writer's loop when the write is committed (true), failed or dropped (false): for state that must follow the writer's order exactly.</param>
    public Task<T> WriteAsync<T>(Func<WriteContext, Task<T>> operation, CancellationToken cancellationToken, StoreWriterPhase phase = StoreWriterPhase.Other, Action<bool>? finished = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var write = new PendingWrite<T>(operation, phase, cancellationToken, finished);
        if (!queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter), "The gateway store is closed.");
        }

        return write.Task;
    }

    /// <summary>Stops taking writes, lets the queued ones commit, then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
        if (statements is not null)
        {
            await statements.DisposeAsync();
        }

        if (checkpointer is not null)
        {
            await checkpointer.DisposeAsync();
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<IPendingWrite>(options.MaxBatchSize);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < options.MaxBatchSize && queue.Reader.TryRead(out var write))
            {
                if (!write.TryCancel())
                {
                    batch.Add(write);
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            var error = await TryCommitAsync(batch);
            if (error is null)
            {
                batch.ForEach(w => w.Commit());
            }
            else if (batch.Count == 1)
            {
                batch[0].Fail(error);
            }
            else
            {
                StoreLog.BatchFailed(logger, batch.Count, error.GetType().Name);
                foreach (var write in batch)
                {
                    var own = await TryCommitAsync([write]);
                    if (own is null)
                    {
                        write.Commit();
                    }
                    else
                    {
                        write.Fail(own);
                    }
                }
            }
        }
    }

    /// <returns>Null when committed; otherwise the error, with everything rolled back. Counted in <see cref="BusyTime"/>.</returns>
    private async Task<Exception?> TryCommitAsync(IReadOnlyList<IPendingWrite> writes)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var error = await RunInTransactionAsync(writes);
            if (error is null)
            {
                checkpointer?.Committed(statements!.Connection, idle: !queue.Reader.TryPeek(out _));
            }

            return error;
        }
        finally
        {
            Interlocked.Add(ref busyTimestampTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
        }
    }

    /// <returns>Null when committed; otherwise the error, with everything rolled back.</returns>
    private async Task<Exception?> RunInTransactionAsync(IReadOnlyList<IPendingWrite> writes)
    {
        // Not a swallowing catch-all: the error is handed to the callers' tasks.
        // The writer itself must survive any one failure, or every later caller would hang.
        try
        {
            statements ??= new StatementCache(await dialect.OpenForWriterAsync(CancellationToken.None));
            await using var transaction = await statements.Connection.BeginTransactionAsync(CancellationToken.None);
            var session = new StoreSession(statements.Connection, transaction, dialect, statements);
            await audit.BeginAsync(session, CancellationToken.None);
            var context = new WriteContext(session, audit, time, options, protection);
            var mark = System.Diagnostics.Stopwatch.GetTimestamp();
            foreach (var write in writes)
            {
                await write.RunAsync(context);
                mark = Count(write.Phase, mark);
            }

            await context.Receipts.CompleteAsync(context, CancellationToken.None);
            await audit.FlushAsync(CancellationToken.None);
            mark = Count(StoreWriterPhase.BatchEnd, mark);
            await transaction.CommitAsync(CancellationToken.None);
            Count(StoreWriterPhase.Commit, mark);
            Interlocked.Increment(ref committedTransactions);
            return null;
        }
#pragma warning disable CA1031 // See above: every exception goes to a caller.
        catch (Exception error)
#pragma warning restore CA1031
        {
            audit.Invalidate();
            // The connection may be what failed (a restarted PostgreSQL, a full disk): the next write opens a new one.
            await DropConnectionAsync();
            return error;
        }
    }

    /// <returns>Now, which the next phase counts from.</returns>
    private long Count(StoreWriterPhase phase, long since)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        Interlocked.Increment(ref phaseCounts[(int)phase]);
        Interlocked.Add(ref phaseTicks[(int)phase], now - since);
        return now;
    }

    private async Task DropConnectionAsync()
    {
        var dropped = statements;
        statements = null;
        if (dropped is null)
        {
            return;
        }

        try
        {
            await dropped.DisposeAsync();
        }
#pragma warning disable CA1031 // A connection that cannot even close is being dropped anyway.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
