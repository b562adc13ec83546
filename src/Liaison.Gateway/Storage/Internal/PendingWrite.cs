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
internal sealed class PendingWrite<T>(Func<WriteContext, Task<T>> operation, StoreWriterPhase phase, CancellationToken cancellationToken) : IPendingWrite
{
    // Continuations run elsewhere, never inline on the writer's loop.
    private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? result;

    public Task<T> Task => completion.Task;

    public StoreWriterPhase Phase => phase;

    public bool TryCancel() => cancellationToken.IsCancellationRequested && completion.TrySetCanceled(cancellationToken);

    public async Task RunAsync(WriteContext context) => result = await operation(context);

    public void Commit() => completion.TrySetResult(result!);

    public void Fail(Exception error) => completion.TrySetException(error);
}
