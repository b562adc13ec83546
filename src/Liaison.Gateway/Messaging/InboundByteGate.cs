namespace Liaison.Gateway.Messaging;

/// <summary>
/// Bounds the bytes of inbound messages being deserialised, opened and recorded at once.
/// The broker's prefetch is counted in messages (AMQP has no byte-sized prefetch that
/// RabbitMQ honours), and each message in processing is held several times over (the body,
/// the decoded envelope, the decrypted payload, the rows to write): sixteen 256 KiB
/// attachment chunks in processing together cost tens of MiB, while sixteen 3 KiB messages
/// cost nothing. Small messages pass as before; large ones queue here, first come first
/// served. A message larger than the whole budget waits until it can run alone.
/// Thread-safe.
/// </summary>
internal sealed class InboundByteGate(long capacity)
{
    private readonly object sync = new();
    private readonly Queue<(long Bytes, TaskCompletionSource Ready)> waiting = new();
    private long inUse;

    /// <summary>Waits until <paramref name="bytes"/> fit; pass the same number to <see cref="Exit"/> afterwards.</summary>
    public async Task EnterAsync(long bytes, CancellationToken cancellationToken)
    {
        var cost = Cost(bytes);
        TaskCompletionSource ready;
        lock (sync)
        {
            if (waiting.Count == 0 && inUse + cost <= capacity)
            {
                inUse += cost;
                return;
            }

            ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.Enqueue((cost, ready));
        }

        try
        {
            await ready.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Still queued: when its turn comes, its share goes straight back.
            _ = ready.Task.ContinueWith(_ => Exit(bytes), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    public void Exit(long bytes)
    {
        var cost = Cost(bytes);
        var released = new List<TaskCompletionSource>();
        lock (sync)
        {
            inUse -= cost;
            while (waiting.TryPeek(out var next) && (inUse == 0 || inUse + next.Bytes <= capacity))
            {
                waiting.Dequeue();
                inUse += next.Bytes;
                released.Add(next.Ready);
            }
        }

        released.ForEach(r => r.SetResult());
    }

    // At least 1, so that every message counts; at most the capacity, so that a huge one can run alone.
    private long Cost(long bytes) => Math.Clamp(bytes, 1, capacity);
}
