using Google.Protobuf;
using Liaison.Agreement.V1;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.V1;
using Liaison.Envelope.V1;

namespace Liaison.Crypto.Tests;

/// <summary>
/// Random mutations of genuine envelopes and agreements: the opener and the agreement
/// loader must answer every one with a typed result, never an exception, and never accept.
/// The seeds are fixed so a failure reproduces.
/// </summary>
public sealed class HostileInputTests
{
    [Theory]
    [InlineData(Suite.InternationalV1, 1)]
    [InlineData(Suite.GmV1, 2)]
    public void RandomlyMutatedEnvelopesAreRejectedWithoutExceptions(Suite suite, int seed)
    {
        var exchange = TestExchange.Create(suite);
        var original = exchange.LaoCaiSealer().Seal(TestExchange.Request(48)).Bytes;
        var opener = exchange.YunnanOpener();
        var random = new Random(seed);

        for (var i = 0; i < 3000; i++)
        {
            var mutated = Mutate(original, random);
            if (mutated.AsSpan().SequenceEqual(original))
            {
                continue;
            }

            var result = opener.Open(mutated);
            Assert.False(result.IsAccepted, $"mutation {i} was accepted");
            Assert.NotEqual(RejectionReason.Unspecified, result.Reason);
        }
    }

    [Fact]
    public void HeaderFieldsWithExtremeValuesAreMalformedNotExceptions()
    {
        var exchange = TestExchange.Create(Suite.InternationalV1);
        var original = exchange.LaoCaiSealer().Seal(TestExchange.Request(8)).Bytes;
        var edits = new Action<EnvelopeHeader>[]
        {
            h => h.CreatedAt = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = long.MaxValue },
            h => h.ExpiresAt = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = long.MinValue, Nanos = -5 },
            h => h.KeyEstablishment = null,
            h => h.KeyEstablishment.SessionStartedAt = null,
            h => h.Suite = (Suite)99,
            h => h.Priority = (Priority)77,
            h => h.SignatureAlgorithms.Add(KeyAlgorithm.MlDsa65),
            h => h.SignatureAlgorithms.Clear(),
            h => h.MessageType = new string('a', 10_000),
            h => h.CaseReference = "Nguyễn Thị Mai",
            h => h.SenderNode = "",
        };

        foreach (var edit in edits)
        {
            var result = exchange.YunnanOpener().Open(EnvelopeForger.Edit(original, exchange.LaoCaiKeys, edit, resign: false));
            Assert.Equal(RejectionReason.Malformed, result.Reason);
        }
    }

    [Fact]
    public void RandomlyMutatedAgreementsAreRefusedWithoutExceptions()
    {
        var exchange = TestExchange.Create(Suite.GmV1);
        var signed = exchange.Agreement.Signed;
        var bytes = signed.Agreement.ToByteArray();
        var random = new Random(3);

        for (var i = 0; i < 500; i++)
        {
            var mutated = new SignedAgreement { Agreement = ByteString.CopyFrom(Mutate(bytes, random)) };
            mutated.Signatures.AddRange(signed.Signatures);
            if (mutated.Agreement == signed.Agreement)
            {
                continue;
            }

            Assert.False(AgreementInForce.Inspect(mutated, null).InForce, $"mutation {i} was accepted");
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes.RemoveRange(at, Math.Min(random.Next(1, 16), bytes.Count - at)); break;
                case 3: bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 8)).Select(_ => (byte)random.Next(256))); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }

            if (bytes.Count == 0)
            {
                break;
            }
        }

        return [.. bytes];
    }
}
