using Google.Protobuf;
using Liaison.Crypto.Internal;
using Liaison.Crypto.V1;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Keys;

/// <summary>
/// The private keys of one node or one authority. Immutable and thread-safe.
/// </summary>
public sealed class KeyRing
{
    private KeyRing(string owner, IReadOnlyList<PrivateKeyMaterial> keys)
    {
        Owner = owner;
        Keys = keys;
    }

    /// <summary>The node id (or authority name) the keys belong to.</summary>
    public string Owner { get; }

    public IReadOnlyList<PrivateKeyMaterial> Keys { get; }

    public static KeyRing Create(string owner, IEnumerable<PrivateKeyMaterial> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!Identifiers.IsNodeId(owner))
        {
            throw new ArgumentException("An owner is lower-case letters, digits and '-', at most 63 characters.", nameof(owner));
        }

        return new KeyRing(owner, keys.ToArray());
    }

    /// <summary>Generates one fresh key per algorithm.</summary>
    public static KeyRing Generate(string owner, IEnumerable<KeyAlgorithm> algorithms, SecureRandom random)
    {
        ArgumentNullException.ThrowIfNull(algorithms);
        return Create(owner, algorithms.Select(a => PrivateKeyMaterial.Parse(a, KeyCodec.GeneratePrivate(a, random))));
    }

    /// <summary>The node keys a suite needs: signing and encryption, plus ML-DSA-65 when asked.</summary>
    public static IReadOnlyList<KeyAlgorithm> NodeAlgorithms(Suite suite, bool postQuantumSignature)
    {
        var algorithms = suite switch
        {
            Suite.InternationalV1 => new List<KeyAlgorithm> { KeyAlgorithm.Ed25519, KeyAlgorithm.X25519MlKem768 },
            Suite.GmV1 => new List<KeyAlgorithm> { KeyAlgorithm.Sm2Sign, KeyAlgorithm.Sm2Encrypt },
            _ => throw new ArgumentOutOfRangeException(nameof(suite), suite, "Not a suite of this format."),
        };
        if (postQuantumSignature)
        {
            algorithms.Add(KeyAlgorithm.MlDsa65);
        }

        return algorithms;
    }

    public PrivateKeyMaterial? Find(ReadOnlySpan<byte> keyId)
    {
        foreach (var key in Keys)
        {
            if (key.KeyId.Span.SequenceEqual(keyId))
            {
                return key;
            }
        }

        return null;
    }

    public static KeyRing FromBundle(PrivateKeyBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var keys = new List<PrivateKeyMaterial>();
        foreach (var stored in bundle.Keys)
        {
            var key = PrivateKeyMaterial.Parse(stored.Algorithm, stored.PrivateKey_.Span);
            if (!key.KeyId.Span.SequenceEqual(stored.KeyId.Span))
            {
                throw new FormatException($"A stored {KeyIds.AlgorithmName(stored.Algorithm)} key does not match its key id.");
            }

            keys.Add(key);
        }

        return Create(bundle.Owner, keys);
    }

    public PrivateKeyBundle ToBundle()
    {
        var bundle = new PrivateKeyBundle { Owner = Owner };
        bundle.Keys.AddRange(Keys.Select(k => new PrivateKey
        {
            Algorithm = k.Algorithm,
            KeyId = ByteString.CopyFrom(k.KeyId.Span),
            PrivateKey_ = ByteString.CopyFrom(k.EncodedPrivateKey),
            PublicKey = ByteString.CopyFrom(k.PublicKey.Encoded.Span),
        }));
        return bundle;
    }

    /// <summary>The public half, with the validity period to publish in an agreement.</summary>
    public PublicKeyBundle ToPublicBundle(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var bundle = new PublicKeyBundle { Owner = Owner };
        bundle.Keys.AddRange(Keys.Select(k => new PublicKey
        {
            KeyId = ByteString.CopyFrom(k.KeyId.Span),
            Algorithm = k.Algorithm,
            PublicKey_ = ByteString.CopyFrom(k.PublicKey.Encoded.Span),
            NotBefore = ProtoTime.ToTimestamp(notBefore),
            NotAfter = ProtoTime.ToTimestamp(notAfter),
        }));
        return bundle;
    }
}
