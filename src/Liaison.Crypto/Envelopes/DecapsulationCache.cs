using Liaison.Crypto.Internal;

namespace Liaison.Crypto.Envelopes;

/// <summary>
/// The recipient's cache of session secrets, keyed by SHA-256(recipient key id || encapsulation),
/// so that the envelopes of a session cost one decapsulation in all. Only secrets that
/// have opened an authentic envelope are cached. Oldest entries are evicted first. Thread-safe.
/// </summary>
internal sealed class DecapsulationCache(int capacity)
{
    private readonly Dictionary<string, byte[]> secrets = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();
    private readonly Lock gate = new();

    public static string KeyOf(ReadOnlySpan<byte> recipientKeyId, ReadOnlySpan<byte> encapsulation)
    {
        var input = new byte[recipientKeyId.Length + encapsulation.Length];
        recipientKeyId.CopyTo(input);
        encapsulation.CopyTo(input.AsSpan(recipientKeyId.Length));
        return Convert.ToBase64String(Digests.Sha256(input));
    }

    public byte[]? Find(string key)
    {
        lock (gate)
        {
            return secrets.GetValueOrDefault(key);
        }
    }

    public void Add(string key, byte[] secret)
    {
        if (capacity <= 0)
        {
            return;
        }

        lock (gate)
        {
            if (!secrets.TryAdd(key, secret))
            {
                return;
            }

            order.Enqueue(key);
            while (order.Count > capacity)
            {
                secrets.Remove(order.Dequeue());
            }
        }
    }
}
