using Liaison.Crypto.Envelopes;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// Seals submits on their callers' threads, ahead of the store's single writer, so that the
/// writer, which every submit, receipt and outbox round of a gateway goes through, does not spend
/// a signature per message (in the exchange benchmark the seal was about a fifth of the sending
/// side's writer time, and that writer was what limited the exchange).
/// <para>
/// An envelope carries its link sequence, which the writer takes from the database in the
/// submit's transaction, so that the committed messages of a link carry 1, 2, 3, ... without
/// gaps. Here the sequence each submit will take is forecast: submits pass one at a time, are
/// sealed with the next number and queued with the writer in that order, which runs them in
/// that order. The writer uses the sealed envelope only if its transaction took exactly the
/// forecast number; otherwise it seals again with the number it took, as it always did, and the
/// forecast is dropped. That happens when a submit does not take its number (a replay of a
/// request id, a conflict, a failed write): the numbers forecast after it are then one off. The
/// forecast starts again from the last committed number once no submit of that link is queued.
/// The database stays the only authority; a wrong forecast costs a second seal. A seal that
/// fails here is left to the writer, which seals again and fails the submit as before, unless
/// the submit is a replay, which is never sealed in the writer.
/// </para>
/// A submit made when no other is passing is queued before <see cref="SubmitAsync"/> returns, as
/// the writer's own writes are. Thread-safe.
/// </summary>
internal sealed class SubmitSealing : IDisposable
{
    // One submit at a time from forecast to queue, so that numbers follow the queue's order.
    private readonly SemaphoreSlim turn = new(1, 1);

    // The links' state, also changed by the writer's loop as submits finish.
    private readonly Lock gate = new();
    private readonly Dictionary<string, Link> links = new(StringComparer.Ordinal);
    private bool disposed;

    /// <param name="lastSequences">Each link's last committed sequence, as the store holds it now.</param>
    public SubmitSealing(IReadOnlyDictionary<string, ulong> lastSequences)
    {
        foreach (var (peer, last) in lastSequences)
        {
            links[peer] = new Link { LastCommitted = last, Next = last + 1 };
        }
    }

    /// <summary>Seals the submit ahead, if its number can be forecast, and queues it with <paramref name="write"/>.</summary>
    /// <param name="write">Queues the submit's write with the writer, with the callback for when it is finished there.</param>
    /// <returns>The write's own task when no other submit was passing (then it is queued already), else one that follows it.</returns>
    /// <exception cref="ObjectDisposedException">The store is closed.</exception>
    public Task<T> SubmitAsync<T>(string peerNode, Func<ulong, SealResult> seal, Func<SubmitTicket, Action<bool>, Task<T>> write)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed), typeof(GatewayStore));
        if (!turn.Wait(0))
        {
            return QueueInTurnAsync(peerNode, seal, write);
        }

        try
        {
            return Queue(peerNode, seal, write);
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Refuses later submits. The semaphore is left as it is: a submit passing now still releases it, and it holds no handle (its wait handle is never asked for).</summary>
    public void Dispose() => Volatile.Write(ref disposed, true);

    private async Task<T> QueueInTurnAsync<T>(string peerNode, Func<ulong, SealResult> seal, Func<SubmitTicket, Action<bool>, Task<T>> write)
    {
        Task<T> written;
        await turn.WaitAsync().ConfigureAwait(false);
        try
        {
            written = Queue(peerNode, seal, write);
        }
        finally
        {
            turn.Release();
        }

        return await written.ConfigureAwait(false);
    }

    /// <summary>In turn: the forecast, the seal with it and the write queued.</summary>
    private Task<T> Queue<T>(string peerNode, Func<ulong, SealResult> seal, Func<SubmitTicket, Action<bool>, Task<T>> write)
    {
        var ticket = new SubmitTicket(peerNode);
        if (Forecast(peerNode) is { } next)
        {
            ticket.Forecast = next;
            try
            {
                ticket.Presealed = seal(next);
            }
#pragma warning disable CA1031 // Not lost: the writer seals again in the transaction, which raises it to the caller (unless it is a replay).
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        Queued(ticket);
        try
        {
            return write(ticket, committed => Finished(ticket, committed));
        }
        catch
        {
            // Not queued (a closed store, a cancelled call): it takes no number.
            Finished(ticket, committed: false);
            throw;
        }
    }

    private ulong? Forecast(string peer)
    {
        lock (gate)
        {
            return LinkOf(peer).Next;
        }
    }

    /// <summary>Counts the ticket as queued and, if it was given the forecast number, moves the forecast past it.</summary>
    private void Queued(SubmitTicket ticket)
    {
        lock (gate)
        {
            var link = LinkOf(ticket.PeerNode);
            link.Queued++;
            if (ticket.Forecast is { } used && link.Next == used)
            {
                link.Next = used + 1;
            }
            else
            {
                // The writer dropped the forecast meanwhile: this one is sealed in the transaction.
                ticket.Forecast = null;
                ticket.Presealed = null;
            }
        }
    }

    /// <summary>On the writer's loop, when the submit's write is committed, failed or dropped.</summary>
    private void Finished(SubmitTicket ticket, bool committed)
    {
        lock (gate)
        {
            var link = LinkOf(ticket.PeerNode);
            link.Queued--;
            if (committed && ticket.Assigned is { } assigned)
            {
                link.LastCommitted = Math.Max(link.LastCommitted, assigned);
            }

            // A forecast number not taken, or another one taken: the numbers forecast after it are off.
            if (ticket.Forecast is { } forecast && (!committed || ticket.Assigned != forecast))
            {
                link.Next = null;
            }

            if (link.Next is null && link.Queued == 0)
            {
                link.Next = link.LastCommitted + 1;
            }
        }
    }

    private Link LinkOf(string peer)
    {
        if (!links.TryGetValue(peer, out var link))
        {
            // A link with no committed submit yet starts at 1 (LinkSequences).
            link = new Link { Next = 1 };
            links[peer] = link;
        }

        return link;
    }

    private sealed class Link
    {
        /// <summary>The number the next submit will take if every queued one takes its own; null when unknown.</summary>
        public ulong? Next { get; set; }

        public ulong LastCommitted { get; set; }

        /// <summary>Submits queued with the writer and not yet finished there.</summary>
        public int Queued { get; set; }
    }
}
