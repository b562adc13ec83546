namespace Liaison.Gateway.Storage.Internal;

/// <summary>One caller's write, waiting in the group-commit queue.</summary>
internal interface IPendingWrite
{
    /// <summary>Drops the write if its caller gave up while it was queued.</summary>
    bool TryCancel();

    /// <summary>What kind of write it is, for the writer's accounting.</summary>
    StoreWriterPhase Phase { get; }

    Task RunAsync(WriteContext context);

    /// <summary>The batch committed: hand the caller its result.</summary>
    void Commit();

    void Fail(Exception error);
}

/// <inheritdoc cref="IPendingWrite"/>
/// <param name="finished">Called once, on the writer's loop, when the write is committed (true), failed or dropped (false).</param>
internal sealed class PendingWrite<T>(Func<WriteContext, Task<T>> operation, StoreWriterPhase phase, CancellationToken cancellationToken, Action<bool>? finished = null) : IPendingWrite
{
    // Continuations run elsewhere, never inline on the writer's loop.
    private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? result;

    public Task<T> Task => completion.Task;

    public StoreWriterPhase Phase => phase;

    public bool TryCancel() => cancellationToken.IsCancellationRequested && Finish(completion.TrySetCanceled(cancellationToken), committed: false);

    public async Task RunAsync(WriteContext context) => result = await operation(context);

    public void Commit() => Finish(completion.TrySetResult(result!), committed: true);

    public void Fail(Exception error) => Finish(completion.TrySetException(error), committed: false);

    private bool Finish(bool first, bool committed)
    {
        if (first)
        {
            finished?.Invoke(committed);
        }

        return first;
    }
}
