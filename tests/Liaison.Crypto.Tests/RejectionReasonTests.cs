using Google.Protobuf;
using Liaison.Agreement.V1;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.Internal;
using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;
using Liaison.Envelope.V1;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Tests;

/// <summary>Each rejection reason, produced by an envelope aimed at exactly its check.</summary>
public sealed class RejectionReasonTests
{
    private readonly TestExchange exchange = TestExchange.Create(Suite.InternationalV1);

    private byte[] SealOne(TestExchange? from = null, TimeSpan? lifetime = null) =>
        (from ?? exchange).LaoCaiSealer().Seal(TestExchange.Request(256) with { Lifetime = lifetime }).Bytes;

    private static void AssertRejected(RejectionReason expected, EnvelopeOpenResult result)
    {
        Assert.False(result.IsAccepted);
        Assert.Equal(expected, result.Reason);
        Assert.Null(result.Payload);
        Assert.False(string.IsNullOrWhiteSpace(result.Detail));
    }

    /// <summary>An exchange with the same keys but an edited agreement, as the recipient sees it.</summary>
    private static TestExchange RecipientWith(Action<ExchangeAgreement> edit, bool postQuantum = false) =>
        TestExchange.Create(Suite.InternationalV1, postQuantum, edit);

    private static Link LaoCaiToYunnan(ExchangeAgreement a) => a.Links.Single(l => l.SenderNode == TestExchange.LaoCai);

    [Fact]
    public void GarbageIsMalformed() =>
        AssertRejected(RejectionReason.Malformed, exchange.YunnanOpener().Open([0xFF, 0x01, 0x02, 0x03]));

    [Fact]
    public void HeaderWithoutAValidEnvelopeIdIsMalformed() =>
        AssertRejected(RejectionReason.Malformed, exchange.YunnanOpener().Open(
            EnvelopeForger.Edit(SealOne(), exchange.LaoCaiKeys, h => h.EnvelopeId = ByteString.CopyFrom(new byte[16]))));

    [Fact]
    public void UnknownFormatVersionIsRefused() =>
        AssertRejected(RejectionReason.UnsupportedFormatVersion, exchange.YunnanOpener().Open(
            EnvelopeForger.Edit(SealOne(), exchange.LaoCaiKeys, h => h.FormatVersion = 2)));

    [Fact]
    public void EnvelopeLargerThanTheAgreementAllowsIsTooLarge()
    {
        var small = RecipientWith(a => a.MaxMessageBytes = 100);
        AssertRejected(RejectionReason.TooLarge, small.YunnanOpener().Open(SealOne()));
    }

    [Fact]
    public void EnvelopeForAnotherNodeIsWrongRecipient()
    {
        var laoCaiOpener = new EnvelopeOpener(exchange.Agreement, exchange.LaoCaiKeys, exchange.Time);
        AssertRejected(RejectionReason.WrongRecipient, laoCaiOpener.Open(SealOne()));
    }

    [Fact]
    public void EnvelopeForAKeyThisNodeDoesNotHoldIsUnknownRecipientKey() =>
        AssertRejected(RejectionReason.UnknownRecipientKey, exchange.YunnanOpener().Open(
            EnvelopeForger.Edit(SealOne(), exchange.LaoCaiKeys, h => h.RecipientKeyId = ByteString.CopyFrom(new byte[16]))));

    [Fact]
    public void SenderOutsideTheAgreementIsUnknownSender() =>
        AssertRejected(RejectionReason.UnknownSender, exchange.YunnanOpener().Open(
            EnvelopeForger.Edit(SealOne(), exchange.LaoCaiKeys, h => h.SenderNode = "vn-hanoi")));

    [Fact]
    public void SenderKeyNotInTheAgreementIsUnknownSenderKey()
    {
        var bytes = SealOne();
        var envelope = SealedEnvelope.Parser.ParseFrom(bytes);
        var header = EnvelopeHeader.Parser.ParseFrom(envelope.Header);
        header.SenderKeyId = ByteString.CopyFrom(Enumerable.Repeat((byte)7, 16).ToArray());
        envelope.Header = header.ToByteString();
        envelope.Signatures[0].KeyId = header.SenderKeyId;

        AssertRejected(RejectionReason.UnknownSenderKey, exchange.YunnanOpener().Open(envelope.ToByteArray()));
    }

    [Fact]
    public void SenderKeyRevokedInTheAgreementIsRefused()
    {
        // A revocation comes with a replacement key, or the agreement would leave the link without one.
        var replacement = KeyRing.Generate(TestExchange.LaoCai, [KeyAlgorithm.Ed25519], new SecureRandom())
            .ToPublicBundle(TestExchange.Epoch, TestExchange.Epoch.AddYears(1)).Keys[0];
        var revoked = RecipientWith(a =>
        {
            var laoCai = a.Parties.Single(p => p.NodeId == TestExchange.LaoCai);
            laoCai.NodeKeys.Single(k => k.Algorithm == KeyAlgorithm.Ed25519).Revocation = new Revocation { RevokedAt = ProtoTime.ToTimestamp(TestExchange.Epoch), Reason = "compromised" };
            laoCai.NodeKeys.Add(replacement);
        });
        AssertRejected(RejectionReason.SenderKeyRevoked, revoked.YunnanOpener().Open(SealOne()));
    }

    [Fact]
    public void SenderKeyOutsideItsValidityAtCreationIsRefused()
    {
        var expiredKey = RecipientWith(a => a.Parties.Single(p => p.NodeId == TestExchange.LaoCai).NodeKeys
            .Single(k => k.Algorithm == KeyAlgorithm.Ed25519).NotAfter = ProtoTime.ToTimestamp(TestExchange.Epoch.AddHours(1)));
        AssertRejected(RejectionReason.SenderKeyNotValid, expiredKey.YunnanOpener().Open(SealOne()));
    }

    [Fact]
    public void DirectionWithoutALinkIsRefused()
    {
        var oneWay = RecipientWith(a => a.Links.Remove(LaoCaiToYunnan(a)));
        AssertRejected(RejectionReason.LinkNotAllowed, oneWay.YunnanOpener().Open(SealOne()));
    }

    [Fact]
    public void EnvelopeInAnotherSuiteThanTheLinksIsADowngrade()
    {
        // Both parties hold keys of both suites; the link pins GM, the sender uses International.
        var dual = TestExchange.CreateDual(Suite.InternationalV1);
        var pinned = TestExchange.CreateDual(Suite.GmV1);
        var international = dual.LaoCaiSealer().Seal(TestExchange.Request(256)).Bytes;

        AssertRejected(RejectionReason.SuiteNotAllowed, pinned.YunnanOpener().Open(international));
    }

    [Fact]
    public void MissingCoSignatureWhereTheLinkRequiresOneIsRefused()
    {
        var withoutPq = TestExchange.Create(Suite.InternationalV1, postQuantum: true, edit: a => LaoCaiToYunnan(a).RequirePostQuantumSignature = false);
        var requiresPq = TestExchange.Create(Suite.InternationalV1, postQuantum: true);

        AssertRejected(RejectionReason.CoSignatureRequired, requiresPq.YunnanOpener().Open(SealOne(withoutPq)));
    }

    [Fact]
    public void StrippedCoSignatureIsRefusedEvenWhenNotRequired()
    {
        var pq = TestExchange.Create(Suite.InternationalV1, postQuantum: true);
        var envelope = SealedEnvelope.Parser.ParseFrom(SealOne(pq));
        envelope.Signatures.RemoveAt(1);

        var optional = TestExchange.Create(Suite.InternationalV1, postQuantum: true, edit: a => LaoCaiToYunnan(a).RequirePostQuantumSignature = false);
        AssertRejected(RejectionReason.Malformed, optional.YunnanOpener().Open(envelope.ToByteArray()));
    }

    [Fact]
    public void MessageTypeTheLinkDoesNotAllowIsRefused()
    {
        var narrow = RecipientWith(a => LaoCaiToYunnan(a).MessageTypes.Remove("verification.request"));
        AssertRejected(RejectionReason.MessageTypeNotAllowed, narrow.YunnanOpener().Open(SealOne()));
    }

    [Fact]
    public void EnvelopeCreatedBeforeTheAgreementTakesEffectIsRefused()
    {
        var later = RecipientWith(a => a.EffectiveFrom = ProtoTime.ToTimestamp(TestExchange.Epoch.AddDays(3)));
        AssertRejected(RejectionReason.AgreementNotEffective, later.YunnanOpener().Open(SealOne()));
    }

    [Fact]
    public void SealingBeforeTheAgreementTakesEffectIsRefused()
    {
        var later = RecipientWith(a => a.EffectiveFrom = ProtoTime.ToTimestamp(TestExchange.Epoch.AddDays(3)));
        Assert.Contains("takes effect", Assert.Throws<EnvelopeSealException>(() => later.LaoCaiSealer().Seal(TestExchange.Request(1))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvelopePastItsExpiryAndTheSkewIsExpired()
    {
        var bytes = SealOne(lifetime: TimeSpan.FromHours(1));
        exchange.Time.Advance(TimeSpan.FromHours(1) + new OpenerOptions().MaxClockSkew + TimeSpan.FromSeconds(1));
        AssertRejected(RejectionReason.Expired, exchange.YunnanOpener().Open(bytes));
    }

    [Fact]
    public void EnvelopeWithinTheSkewAfterExpiryIsStillAccepted()
    {
        var bytes = SealOne(lifetime: TimeSpan.FromHours(1));
        exchange.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(90));
        Assert.True(exchange.YunnanOpener().Open(bytes).IsAccepted);
    }

    [Fact]
    public void EnvelopeCreatedBeyondTheSkewInTheFutureIsFutureDated()
    {
        var future = new FakeTimeProvider(exchange.Time.GetUtcNow() + TimeSpan.FromMinutes(10));
        var bytes = new EnvelopeSealer(exchange.Agreement, exchange.LaoCaiKeys, future).Seal(TestExchange.Request(16)).Bytes;
        AssertRejected(RejectionReason.FutureDated, exchange.YunnanOpener().Open(bytes));
    }

    [Fact]
    public void ClockSkewToleranceIsConfigurable()
    {
        var future = new FakeTimeProvider(exchange.Time.GetUtcNow() + TimeSpan.FromMinutes(10));
        var bytes = new EnvelopeSealer(exchange.Agreement, exchange.LaoCaiKeys, future).Seal(TestExchange.Request(16)).Bytes;
        Assert.True(exchange.YunnanOpener(new OpenerOptions { MaxClockSkew = TimeSpan.FromMinutes(15) }).Open(bytes).IsAccepted);
    }

    [Fact]
    public void LifetimeLongerThanTheAgreementAllowsIsRefused()
    {
        var shortLived = RecipientWith(a => a.MaxEnvelopeLifetime = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(1)));
        AssertRejected(RejectionReason.LifetimeTooLong, shortLived.YunnanOpener().Open(SealOne(lifetime: TimeSpan.FromHours(2))));
    }

    [Fact]
    public void SessionUsedBeyondThePolicyIsRefused()
    {
        var sealer = exchange.LaoCaiSealer();
        sealer.Seal(TestExchange.Request(1));
        var second = sealer.Seal(TestExchange.Request(1));
        var strict = RecipientWith(a => a.SessionPolicy.MaxMessages = 1);

        AssertRejected(RejectionReason.SessionExpired, strict.YunnanOpener().Open(second.Bytes));
    }

    [Fact]
    public void AlteredSignatureIsBadSignature()
    {
        var envelope = SealedEnvelope.Parser.ParseFrom(SealOne());
        var value = envelope.Signatures[0].Value.ToByteArray();
        value[5] ^= 0x01;
        envelope.Signatures[0].Value = ByteString.CopyFrom(value);

        AssertRejected(RejectionReason.BadSignature, exchange.YunnanOpener().Open(envelope.ToByteArray()));
    }

    [Fact]
    public void AlteredCoSignatureIsBadCoSignature()
    {
        var pq = TestExchange.Create(Suite.InternationalV1, postQuantum: true);
        var envelope = SealedEnvelope.Parser.ParseFrom(SealOne(pq));
        var value = envelope.Signatures[1].Value.ToByteArray();
        value[100] ^= 0x01;
        envelope.Signatures[1].Value = ByteString.CopyFrom(value);

        AssertRejected(RejectionReason.BadCoSignature, pq.YunnanOpener().Open(envelope.ToByteArray()));
    }

    [Theory]
    [InlineData(Suite.InternationalV1)]
    [InlineData(Suite.GmV1)]
    public void SignedButUndecryptableEnvelopeIsDecryptionFailed(Suite suite)
    {
        var pair = TestExchange.Create(suite);
        var bytes = pair.LaoCaiSealer().Seal(TestExchange.Request(64)).Bytes;
        var forged = EnvelopeForger.Edit(bytes, pair.LaoCaiKeys, editCiphertext: c => { c[0] ^= 0x01; return c; });

        AssertRejected(RejectionReason.DecryptionFailed, pair.YunnanOpener().Open(forged));
    }

    [Fact]
    public void ForgedEncapsulationIsDecryptionFailed()
    {
        var bytes = SealOne();
        var forged = EnvelopeForger.Edit(bytes, exchange.LaoCaiKeys, h =>
        {
            var encapsulation = h.KeyEstablishment.Encapsulation.ToByteArray();
            encapsulation[^1] ^= 0x01;
            h.KeyEstablishment.Encapsulation = ByteString.CopyFrom(encapsulation);
        });

        AssertRejected(RejectionReason.DecryptionFailed, exchange.YunnanOpener().Open(forged));
    }

    [Fact]
    public void RejectionDetailsNeverContainThePayload()
    {
        var secret = "Nguyễn Thị Mai, born 2004, Bát Xát"u8.ToArray();
        var sealedEnvelope = exchange.LaoCaiSealer().Seal(new SealRequest(TestExchange.Yunnan, "verification.request", secret));
        var forged = EnvelopeForger.Edit(sealedEnvelope.Bytes, exchange.LaoCaiKeys, editCiphertext: c => { c[^1] ^= 1; return c; });

        var result = exchange.YunnanOpener().Open(forged);

        Assert.DoesNotContain("Nguy", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Mai", result.ToString(), StringComparison.Ordinal);
    }
}
