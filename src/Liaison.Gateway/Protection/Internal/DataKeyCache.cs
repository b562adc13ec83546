namespace Liaison.Gateway.Protection.Internal;

/// <summary>
/// Unwrapped data keys by id, so that the writer and the readers unwrap each one once.
/// An erasure evicts its keys after it has committed and moves the epoch on; a reader
/// that loaded a key before the erasure only caches it if the epoch has not moved since
/// it started, so an erased key never comes back. Thread-safe.
/// </summary>
internal sealed class DataKeyCache
{
    // Far more cases than a node handles at once; past it the cache starts again rather than grow without end.
    private const int MaxEntries = 100_000;

    private readonly Dictionary<Guid, byte[]> keys = [];
    private readonly Lock gate = new();
    private long epoch;

    public long Epoch
    {
        get
        {
            lock (gate)
            {
                return epoch;
            }
        }
    }

    public byte[]? Find(Guid id)
    {
        lock (gate)
        {
            return keys.GetValueOrDefault(id);
        }
    }

    /// <summary>Caches a key read at <paramref name="readEpoch"/>, unless an erasure happened since.</summary>
    public void Add(Guid id, byte[] key, long readEpoch)
    {
        lock (gate)
        {
            if (readEpoch != epoch)
            {
                return;
            }

            if (keys.Count >= MaxEntries)
            {
                keys.Clear();
            }

            keys[id] = key;
        }
    }

    public void Evict(IEnumerable<Guid> ids)
    {
        lock (gate)
        {
            epoch++;
            foreach (var id in ids)
            {
                keys.Remove(id);
            }
        }
    }
}
