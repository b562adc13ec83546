using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto;

/// <summary>
/// A reproducible byte stream, SHAKE-256(seed), for test vectors and tests, and for
/// deterministic signature nonces whose seed is derived from the private key (see
/// NodeStatements). Never seed it with anything public: anyone who knows the seed knows
/// every byte it gives.
/// Not thread-safe.
/// </summary>
public sealed class DeterministicRandom : IRandomGenerator
{
    private readonly ShakeDigest shake = new(256);

    private DeterministicRandom(ReadOnlySpan<byte> seed) => shake.BlockUpdate(seed);

    /// <summary>A <see cref="SecureRandom"/> whose every byte is drawn, in call order, from SHAKE-256(seed).</summary>
    public static SecureRandom Create(ReadOnlySpan<byte> seed) => new(new DeterministicRandom(seed));

    public void AddSeedMaterial(byte[] seed)
    {
        // Ignored on purpose: the stream must depend on the seed alone.
    }

    public void AddSeedMaterial(ReadOnlySpan<byte> seed)
    {
    }

    public void AddSeedMaterial(long seed)
    {
    }

    public void NextBytes(byte[] bytes) => NextBytes(bytes, 0, bytes.Length);

    public void NextBytes(byte[] bytes, int start, int len) => shake.Output(bytes, start, len);

    public void NextBytes(Span<byte> bytes) => shake.Output(bytes);
}
