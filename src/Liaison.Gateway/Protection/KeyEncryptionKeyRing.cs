namespace Liaison.Gateway.Protection;

/// <summary>
/// The KEKs a node holds: the current one, which wraps every new data key, and the
/// previous ones, which only unwrap data keys not yet rewrapped to the current one.
/// Immutable.
/// </summary>
public sealed class KeyEncryptionKeyRing
{
    private readonly Dictionary<string, KeyEncryptionKey> byId;

    public KeyEncryptionKeyRing(KeyEncryptionKey current, IEnumerable<KeyEncryptionKey> previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        Current = current;
        Previous = previous.Where(k => k.Id != current.Id).DistinctBy(k => k.Id).ToList();
        byId = Previous.Append(current).ToDictionary(k => k.Id, StringComparer.Ordinal);
    }

    public KeyEncryptionKey Current { get; }

    public IReadOnlyList<KeyEncryptionKey> Previous { get; }

    /// <summary>The ids of every KEK held, the current one first.</summary>
    public IReadOnlyList<string> Ids => [Current.Id, .. Previous.Select(k => k.Id)];

    public KeyEncryptionKey? Find(string id) => byId.GetValueOrDefault(id);
}
