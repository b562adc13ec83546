using Liaison.Crypto.Envelopes;
using Liaison.Crypto.V1;
using Liaison.Envelope.V1;

namespace Liaison.Crypto.Tests;

public sealed class EnvelopeRoundTripTests
{
    public static TheoryData<Suite, bool, int> Cases()
    {
        var data = new TheoryData<Suite, bool, int>();
        foreach (var suite in new[] { Suite.InternationalV1, Suite.GmV1 })
        {
            foreach (var postQuantum in new[] { false, true })
            {
                data.Add(suite, postQuantum, 2 * 1024);
                data.Add(suite, postQuantum, 1024 * 1024);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SealedEnvelopeOpensToTheSamePayloadAndHeader(Suite suite, bool postQuantum, int size)
    {
        var exchange = TestExchange.Create(suite, postQuantum);
        var request = TestExchange.Request(size);

        var sealedEnvelope = exchange.LaoCaiSealer().Seal(request);
        var opened = exchange.YunnanOpener().Open(sealedEnvelope.Bytes);

        Assert.True(opened.IsAccepted, opened.Detail);
        Assert.Equal(request.Payload.ToArray(), opened.Payload);
        Assert.Equal(sealedEnvelope.Header, opened.Header);
        Assert.Equal(suite, opened.Header!.Suite);
        Assert.Equal(postQuantum ? 2 : 1, opened.Header.SignatureAlgorithms.Count);
        Assert.Equal(TestExchange.LaoCai, opened.Header.SenderNode);
        Assert.Equal("LC-2026-0042", opened.Header.CaseReference);
    }

    [Theory]
    [InlineData(Suite.InternationalV1)]
    [InlineData(Suite.GmV1)]
    public void EnvelopesOfOneSessionOpenAloneAndInAnyOrder(Suite suite)
    {
        var exchange = TestExchange.Create(suite);
        var sealer = exchange.LaoCaiSealer(KeyExchangeMode.Session);
        var envelopes = Enumerable.Range(1, 5).Select(i => sealer.Seal(TestExchange.Request(100 + i) with { Sequence = (ulong)i })).ToList();
        Assert.Single(envelopes.Select(e => e.Header.KeyEstablishment.Encapsulation).Distinct());

        // Each opener starts with an empty session cache, so each envelope opens on its own.
        foreach (var envelope in Enumerable.Reverse(envelopes))
        {
            var alone = exchange.YunnanOpener().Open(envelope.Bytes);
            Assert.True(alone.IsAccepted, alone.Detail);
        }

        var shared = exchange.YunnanOpener();
        foreach (var index in new[] { 3, 0, 4, 1, 2 })
        {
            Assert.True(shared.Open(envelopes[index].Bytes).IsAccepted);
        }
    }

    [Fact]
    public void SessionRotatesAfterTheAgreedNumberOfMessages()
    {
        var exchange = TestExchange.Create(Suite.InternationalV1, edit: d => d.SessionPolicy.MaxMessages = 3);
        var sealer = exchange.LaoCaiSealer();
        var encapsulations = Enumerable.Range(0, 7).Select(_ => sealer.Seal(TestExchange.Request(10)).Header.KeyEstablishment).ToList();

        Assert.Equal([0UL, 1, 2, 0, 1, 2, 0], encapsulations.Select(k => k.SessionMessageIndex));
        Assert.Equal(3, encapsulations.Select(k => k.Encapsulation).Distinct().Count());
    }

    [Fact]
    public void SessionRotatesAfterTheAgreedAge()
    {
        var exchange = TestExchange.Create(Suite.InternationalV1);
        var sealer = exchange.LaoCaiSealer();
        var first = sealer.Seal(TestExchange.Request(10)).Header.KeyEstablishment;
        exchange.Time.Advance(TimeSpan.FromMinutes(59));
        var second = sealer.Seal(TestExchange.Request(10)).Header.KeyEstablishment;
        exchange.Time.Advance(TimeSpan.FromMinutes(2));
        var third = sealer.Seal(TestExchange.Request(10)).Header.KeyEstablishment;

        Assert.Equal(first.Encapsulation, second.Encapsulation);
        Assert.NotEqual(first.Encapsulation, third.Encapsulation);
    }

    [Fact]
    public void PerMessageModeEncapsulatesForEveryEnvelope()
    {
        var exchange = TestExchange.Create(Suite.InternationalV1);
        var sealer = exchange.LaoCaiSealer(KeyExchangeMode.PerMessage);
        var a = sealer.Seal(TestExchange.Request(10));
        var b = sealer.Seal(TestExchange.Request(10));

        Assert.NotEqual(a.Header.KeyEstablishment.Encapsulation, b.Header.KeyEstablishment.Encapsulation);
        Assert.True(exchange.YunnanOpener().Open(b.Bytes).IsAccepted);
    }

    [Fact]
    public void EnvelopeIdsAreUuidVersion7AndUnique()
    {
        var exchange = TestExchange.Create(Suite.InternationalV1);
        var sealer = exchange.LaoCaiSealer();
        var ids = Enumerable.Range(0, 50).Select(_ => sealer.Seal(TestExchange.Request(1)).EnvelopeId).ToList();

        Assert.All(ids, id => Assert.Equal(7, id.Version));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void VerifyWithoutKeysChecksAuthenticityButDoesNotDecrypt()
    {
        var exchange = TestExchange.Create(Suite.GmV1);
        var sealedEnvelope = exchange.LaoCaiSealer().Seal(TestExchange.Request(64));

        var verified = new EnvelopeOpener(exchange.Agreement, null, exchange.Time).Verify(sealedEnvelope.Bytes);

        Assert.True(verified.IsAccepted, verified.Detail);
        Assert.Null(verified.Payload);
        Assert.Equal(RejectionReason.Unspecified, verified.Reason);
    }
}
