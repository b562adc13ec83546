using System.Text;
using Liaison.Crypto.Suites;
using Liaison.Crypto.V1;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Tests;

/// <summary>
/// The GM suite keeps an SM2 signer per key, identity and source of randomness, and only resets it
/// between signatures: what it signs must be exactly what a freshly initialised signer would.
/// </summary>
public sealed class GmSignerTests
{
    [Fact]
    public void AKeptSignerSignsExactlyAsFreshSignersWouldFromTheSameRandomness()
    {
        var exchange = TestExchange.Create(Suite.GmV1);
        var key = exchange.Agreement.NewestOwnKey(exchange.YunnanKeys, KeyAlgorithm.Sm2Sign, exchange.Time.GetUtcNow())!;
        var publicKey = exchange.Agreement.FindNodeKey(TestExchange.Yunnan, key.KeyId.Span)!.Material;
        byte[][] messages = [[1, 2, 3], [1, 2, 3], "another statement"u8.ToArray()];

        var kept = Seeded();
        var fromSuite = messages.Select(m => GmSuite.Instance.Sign(key, TestExchange.Yunnan, m, kept)).ToList();
        var fresh = Seeded();
        var fromFreshSigners = messages.Select(m =>
        {
            var signer = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
            signer.Init(true, new ParametersWithID(new ParametersWithRandom((ECPrivateKeyParameters)key.Parsed, fresh), Encoding.UTF8.GetBytes(TestExchange.Yunnan)));
            signer.BlockUpdate(m, 0, m.Length);
            return signer.GenerateSignature();
        }).ToList();

        Assert.Equal(fromFreshSigners, fromSuite);
        Assert.NotEqual(fromSuite[0], fromSuite[1]);
        Assert.All(messages.Zip(fromSuite), pair => Assert.True(GmSuite.Instance.Verify(publicKey, TestExchange.Yunnan, pair.First, pair.Second)));
        // The identity is part of what is signed: the same key under another node's name does not verify.
        Assert.False(GmSuite.Instance.Verify(publicKey, TestExchange.LaoCai, messages[0], fromSuite[0]));
        Assert.True(GmSuite.Instance.Verify(publicKey, TestExchange.LaoCai, messages[0], GmSuite.Instance.Sign(key, TestExchange.LaoCai, messages[0], kept)));
    }

    private static SecureRandom Seeded()
    {
        var random = SecureRandom.GetInstance("SHA256PRNG", autoSeed: false);
        random.SetSeed(20261129L);
        return random;
    }
}
