namespace Liaison.Gateway.Protection;

/// <summary>Where the store takes its KEKs from, each time it needs one: the ring may change while the gateway runs (KEK rotation).</summary>
public interface IKeyEncryptionKeys
{
    KeyEncryptionKeyRing Ring { get; }
}

/// <summary>A fixed ring, for tools and tests that open a store directly.</summary>
public sealed class FixedKeyEncryptionKeys(KeyEncryptionKeyRing ring) : IKeyEncryptionKeys
{
    public FixedKeyEncryptionKeys(KeyEncryptionKey current)
        : this(new KeyEncryptionKeyRing(current, []))
    {
    }

    public KeyEncryptionKeyRing Ring => ring;
}
