using Google.Protobuf;
using Liaison.Agreement.V1;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.Internal;
using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Tests;

public sealed class AgreementTests
{
    private static readonly (KeyRing LaoCai, KeyRing Yunnan, KeyRing LaoCaiAuthority, KeyRing YunnanAuthority) Rings = TestExchange.Rings(Suite.InternationalV1, false);

    private static ExchangeAgreement Draft() =>
        TestExchange.Draft(Suite.InternationalV1, false, Rings.LaoCai, Rings.Yunnan, Rings.LaoCaiAuthority, Rings.YunnanAuthority);

    private static SignedAgreement CoSigned(ExchangeAgreement draft) =>
        TestExchange.CoSign(AgreementDraft.Freeze(draft), Rings.LaoCaiAuthority, Rings.YunnanAuthority);

    [Fact]
    public void AgreementSignedByBothPartiesIsInForce()
    {
        var agreement = AgreementInForce.Load(CoSigned(Draft()));
        Assert.Equal(1u, agreement.Version);
        Assert.NotNull(agreement.FindLink(TestExchange.LaoCai, TestExchange.Yunnan));
    }

    [Fact]
    public void AgreementWithOneSignatureIsRefusedNamingTheMissingParty()
    {
        var once = AgreementSignatures.AddSignature(AgreementDraft.Freeze(Draft()), TestExchange.LaoCai, Rings.LaoCaiAuthority.Keys[0], new SecureRandom());

        var report = AgreementInForce.Inspect(once, null);
        var error = Assert.Throws<AgreementException>(() => AgreementInForce.Load(once));

        Assert.False(report.InForce);
        Assert.Equal([TestExchange.LaoCai], report.SignedBy);
        Assert.Equal([TestExchange.Yunnan], report.MissingSignatures);
        Assert.Contains("'cn-yunnan'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TamperedAgreementIsRefused()
    {
        var signed = CoSigned(Draft());
        var document = ExchangeAgreement.Parser.ParseFrom(signed.Agreement);
        document.MaxMessageBytes *= 2;
        var tampered = new SignedAgreement { Agreement = document.ToByteString() };
        tampered.Signatures.AddRange(signed.Signatures);

        var error = Assert.Throws<AgreementException>(() => AgreementInForce.Load(tampered));
        Assert.Contains("does not verify", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FlippingAnyByteOfTheSignedAgreementIsRefused()
    {
        var signed = CoSigned(Draft());
        var bytes = signed.Agreement.ToByteArray();
        for (var i = 0; i < bytes.Length; i += 7)
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= 0x20;
            var tampered = new SignedAgreement { Agreement = ByteString.CopyFrom(copy) };
            tampered.Signatures.AddRange(signed.Signatures);
            Assert.False(AgreementInForce.Inspect(tampered, null).InForce, $"byte {i}");
        }
    }

    [Fact]
    public void SignatureByAKeyThatIsNotThePartysAuthorityIsRefused()
    {
        var stranger = KeyRing.Generate(TestExchange.Yunnan, [KeyAlgorithm.Ed25519], new SecureRandom());
        var once = AgreementSignatures.AddSignature(AgreementDraft.Freeze(Draft()), TestExchange.LaoCai, Rings.LaoCaiAuthority.Keys[0], new SecureRandom());
        var forged = AgreementSignatures.AddSignature(once, TestExchange.Yunnan, stranger.Keys[0], new SecureRandom());

        Assert.Throws<AgreementException>(() => AgreementInForce.Load(forged));
    }

    [Fact]
    public void PartyCannotSignTheSameAgreementTwice()
    {
        var once = AgreementSignatures.AddSignature(AgreementDraft.Freeze(Draft()), TestExchange.LaoCai, Rings.LaoCaiAuthority.Keys[0], new SecureRandom());
        Assert.Throws<ArgumentException>(() => AgreementSignatures.AddSignature(once, TestExchange.LaoCai, Rings.LaoCaiAuthority.Keys[0], new SecureRandom()));
    }

    [Fact]
    public void StructuralProblemsAreAllListed()
    {
        var draft = Draft();
        draft.MaxMessageBytes = 0;
        draft.Parties[0].Country = "Vietnam";
        draft.Links[0].MessageTypes.Clear();

        var report = AgreementInForce.Inspect(CoSigned(draft), null);

        Assert.False(report.InForce);
        Assert.Contains(report.Problems, p => p.Contains("max_message_bytes", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("country", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("message type", StringComparison.Ordinal));
    }

    [Fact]
    public void KeyWhoseIdDoesNotMatchItsPublicKeyIsRefused()
    {
        var draft = Draft();
        draft.Parties[0].NodeKeys[0].KeyId = ByteString.CopyFrom(new byte[16]);
        Assert.Contains(AgreementInForce.Inspect(CoSigned(draft), null).Problems, p => p.Contains("does not match", StringComparison.Ordinal));
    }

    [Fact]
    public void NextVersionSignedByBothReplacesTheOldOne()
    {
        var v1 = AgreementInForce.Load(CoSigned(Draft()));
        var next = AgreementDraft.NextVersion(v1);
        next.MaxMessageBytes = 1024 * 1024;

        var v2 = v1.Replace(CoSigned(next));

        Assert.Equal(2u, v2.Version);
        Assert.Equal(1024UL * 1024, v2.Document.MaxMessageBytes);
    }

    [Fact]
    public void NextVersionWithOnlyOneSignatureDoesNotReplaceTheOldOne()
    {
        var v1 = AgreementInForce.Load(CoSigned(Draft()));
        var once = AgreementSignatures.AddSignature(AgreementDraft.Freeze(AgreementDraft.NextVersion(v1)), TestExchange.LaoCai, Rings.LaoCaiAuthority.Keys[0], new SecureRandom());

        Assert.Throws<AgreementException>(() => v1.Replace(once));
    }

    [Fact]
    public void VersionThatSkipsOrDoesNotChainToTheOneInForceIsRefused()
    {
        var v1 = AgreementInForce.Load(CoSigned(Draft()));
        var skipping = AgreementDraft.NextVersion(v1);
        skipping.Version = 3;
        var unchained = AgreementDraft.NextVersion(v1);
        unchained.SupersedesDigest = ByteString.CopyFrom(new byte[32]);

        Assert.Contains("version 2", Assert.Throws<AgreementException>(() => v1.Replace(CoSigned(skipping))).Message, StringComparison.Ordinal);
        Assert.Contains("digest", Assert.Throws<AgreementException>(() => v1.Replace(CoSigned(unchained))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewAuthorityKeyMustBeIntroducedByTheOldAuthority()
    {
        var v1 = AgreementInForce.Load(CoSigned(Draft()));
        var newAuthority = KeyRing.Generate(TestExchange.Yunnan, [KeyAlgorithm.Ed25519], new SecureRandom());
        var next = AgreementDraft.NextVersion(v1);
        var yunnan = next.Parties.Single(p => p.NodeId == TestExchange.Yunnan);
        yunnan.AuthorityKeys.Clear();
        yunnan.AuthorityKeys.AddRange(newAuthority.ToPublicBundle(TestExchange.Epoch, TestExchange.Epoch.AddYears(5)).Keys);
        var frozen = AgreementDraft.Freeze(next);
        var laoCaiSigned = AgreementSignatures.AddSignature(frozen, TestExchange.LaoCai, Rings.LaoCaiAuthority.Keys[0], new SecureRandom());

        // Signed by the new key alone: a hijacked rotation, refused.
        Assert.Throws<AgreementException>(() => v1.Replace(AgreementSignatures.AddSignature(laoCaiSigned, TestExchange.Yunnan, newAuthority.Keys[0], new SecureRandom())));

        // Signed by the authority in force: accepted, and the new key signs version 3.
        var v2 = v1.Replace(AgreementSignatures.AddSignature(laoCaiSigned, TestExchange.Yunnan, Rings.YunnanAuthority.Keys[0], new SecureRandom()));
        var v3Draft = AgreementSignatures.AddSignature(AgreementDraft.Freeze(AgreementDraft.NextVersion(v2)), TestExchange.LaoCai, Rings.LaoCaiAuthority.Keys[0], new SecureRandom());
        Assert.Equal(3u, v2.Replace(AgreementSignatures.AddSignature(v3Draft, TestExchange.Yunnan, newAuthority.Keys[0], new SecureRandom())).Version);
    }

    [Fact]
    public void KeyRotationWithOverlappingValidityKeepsOldEnvelopesOpenableAndSealsWithTheNewKey()
    {
        var exchange = TestExchange.Create(Suite.InternationalV1);
        var oldEnvelope = exchange.LaoCaiSealer().Seal(TestExchange.Request(10));

        var newSigning = KeyRing.Generate(TestExchange.LaoCai, [KeyAlgorithm.Ed25519], new SecureRandom());
        var next = AgreementDraft.NextVersion(exchange.Agreement);
        next.Parties.Single(p => p.NodeId == TestExchange.LaoCai).NodeKeys.AddRange(
            newSigning.ToPublicBundle(TestExchange.Epoch.AddHours(12), TestExchange.Epoch.AddYears(3)).Keys);
        var v2 = exchange.Agreement.Replace(CoSigned(next));
        var laoCaiKeys = KeyRing.Create(TestExchange.LaoCai, exchange.LaoCaiKeys.Keys.Concat(newSigning.Keys));

        var newEnvelope = new EnvelopeSealer(v2, laoCaiKeys, exchange.Time).Seal(TestExchange.Request(10));
        var opener = new EnvelopeOpener(v2, exchange.YunnanKeys, exchange.Time);

        Assert.Equal(newSigning.Keys[0].KeyId.ToArray(), newEnvelope.Header.SenderKeyId.ToByteArray());
        Assert.True(opener.Open(newEnvelope.Bytes).IsAccepted);
        Assert.True(opener.Open(oldEnvelope.Bytes).IsAccepted);
    }

    [Fact]
    public void SealingOutsideTheAgreementIsRefusedWithASentence()
    {
        var exchange = TestExchange.Create(Suite.InternationalV1);
        var sealer = exchange.LaoCaiSealer();

        Assert.Contains("no link", Assert.Throws<EnvelopeSealException>(() => sealer.Seal(new SealRequest("vn-hanoi", "verification.request", new byte[1]))).Message, StringComparison.Ordinal);
        Assert.Contains("does not allow", Assert.Throws<EnvelopeSealException>(() => sealer.Seal(new SealRequest(TestExchange.Yunnan, "chat.message", new byte[1]))).Message, StringComparison.Ordinal);
        Assert.Throws<EnvelopeSealException>(() => sealer.Seal(TestExchange.Request(1) with { CaseReference = "Nguyễn Thị Mai" }));
    }

    [Fact]
    public void AgreementDigestIsSha256OfTheSignedBytes()
    {
        var signed = CoSigned(Draft());
        Assert.Equal(Digests.Sha256(signed.Agreement.Span), AgreementInForce.Load(signed).Digest.ToArray());
    }
}
