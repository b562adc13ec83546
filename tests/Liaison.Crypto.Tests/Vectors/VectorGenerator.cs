using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Liaison.Agreement.V1;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.Internal;
using Liaison.Crypto.Keys;
using Liaison.Crypto.Suites;
using Liaison.Crypto.V1;
using Liaison.Envelope.V1;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Tests.Vectors;

/// <summary>
/// Generates the published test vectors of one suite. Every byte comes from
/// SHAKE-256 over a fixed seed and a fixed clock, so the output is identical on
/// every run; the vector tests compare it with the committed files.
/// </summary>
internal static class VectorGenerator
{
    public static readonly DateTimeOffset SealedAt = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    public static string FileName(Suite suite, bool postQuantum) =>
        (suite == Suite.InternationalV1 ? "international-v1" : "gm-v1") + (postQuantum ? "-mldsa65" : "") + ".json";

    public static JsonObject Generate(Suite suite, bool postQuantum)
    {
        var seed = $"liaison-vectors/v1/{FileName(suite, postQuantum)}";
        var random = DeterministicRandom.Create(Encoding.ASCII.GetBytes(seed));

        // Both parties hold keys of both suites, so a downgrade envelope can be built.
        var allNodeAlgorithms = KeyRing.NodeAlgorithms(Suite.InternationalV1, true).Concat(KeyRing.NodeAlgorithms(Suite.GmV1, false)).ToList();
        var laoCai = KeyRing.Generate(TestExchange.LaoCai, allNodeAlgorithms, random);
        var yunnan = KeyRing.Generate(TestExchange.Yunnan, allNodeAlgorithms, random);
        var authority = suite == Suite.GmV1 ? KeyAlgorithm.Sm2Sign : KeyAlgorithm.Ed25519;
        var laoCaiAuthority = KeyRing.Generate(TestExchange.LaoCai, [authority], random);
        var yunnanAuthority = KeyRing.Generate(TestExchange.Yunnan, [authority], random);

        var agreement = Sign(TestExchange.Draft(suite, postQuantum, laoCai, yunnan, laoCaiAuthority, yunnanAuthority), laoCaiAuthority, yunnanAuthority, random);
        var otherSuite = suite == Suite.GmV1 ? Suite.InternationalV1 : Suite.GmV1;
        var downgradeAgreement = Sign(TestExchange.Draft(otherSuite, false, laoCai, yunnan, laoCaiAuthority, yunnanAuthority), laoCaiAuthority, yunnanAuthority, random);
        var noCoSignature = Sign(TestExchange.Draft(suite, false, laoCai, yunnan, laoCaiAuthority, yunnanAuthority), laoCaiAuthority, yunnanAuthority, random);

        var time = new FakeTimeProvider(SealedAt);
        var session = new EnvelopeSealer(agreement, laoCai, time, new SealerOptions { KeyExchange = KeyExchangeMode.Session }, random);
        var perMessage = new EnvelopeSealer(agreement, laoCai, time, new SealerOptions { KeyExchange = KeyExchangeMode.PerMessage }, random);
        var payload2K = SecureRandom.GetNextBytes(random, 2048);
        var text = "Xin chào Vân Nam / 你好，老街 / hello: a test message with no personal data."u8.ToArray();

        var a = session.Seal(new SealRequest(TestExchange.Yunnan, "verification.request", payload2K) { CaseReference = "LC-2026-0001", CorrelationId = "vec-a", Sequence = 1 });
        var b = session.Seal(new SealRequest(TestExchange.Yunnan, "hotline.alert", text) { CaseReference = "LC-2026-0002", Priority = Priority.Urgent, Sequence = 2, Lifetime = TimeSpan.FromHours(1) });
        var c = perMessage.Seal(new SealRequest(TestExchange.Yunnan, "verification.answer", payload2K) { CaseReference = "LC-2026-0003", Priority = Priority.High, Sequence = 3 });

        var valid = new JsonArray
        {
            Valid("2kib-session-first", a, payload2K, yunnan),
            Valid("text-session-second", b, text, yunnan),
            Valid("2kib-fresh-key-exchange", c, payload2K, yunnan),
        };

        var created = SealedAt;
        var expires = a.Header.ExpiresAt.ToDateTimeOffset();
        var skew = new OpenerOptions().MaxClockSkew;
        byte[] Forge(Action<EnvelopeHeader>? header = null, Func<byte[], byte[]>? ciphertext = null) =>
            EnvelopeForger.Edit(a.Bytes, laoCai, header, ciphertext, resign: true, random);

        var invalid = new JsonArray
        {
            Invalid("truncated", a.Bytes[..^10], RejectionReason.Malformed),
            Invalid("format-version-2", EnvelopeForger.Edit(a.Bytes, laoCai, h => h.FormatVersion = 2, resign: false), RejectionReason.UnsupportedFormatVersion),
            Invalid("addressed-to-lao-cai", new EnvelopeSealer(agreement, yunnan, time, null, random).Seal(new SealRequest(TestExchange.LaoCai, "verification.answer", text)).Bytes, RejectionReason.WrongRecipient),
            Invalid("unknown-recipient-key", Forge(h => h.RecipientKeyId = ByteString.CopyFrom(new byte[16])), RejectionReason.UnknownRecipientKey),
            Invalid("sender-not-a-party", Forge(h => h.SenderNode = "vn-hanoi"), RejectionReason.UnknownSender),
            Invalid("unknown-sender-key", UnknownSenderKey(a.Bytes), RejectionReason.UnknownSenderKey),
            Invalid("downgraded-suite", new EnvelopeSealer(downgradeAgreement, laoCai, time, null, random).Seal(new SealRequest(TestExchange.Yunnan, "verification.request", text)).Bytes, RejectionReason.SuiteNotAllowed),
            Invalid("message-type-not-allowed", Forge(h => h.MessageType = "chat.message"), RejectionReason.MessageTypeNotAllowed),
            Invalid("expired", a.Bytes, RejectionReason.Expired, expires + skew + TimeSpan.FromSeconds(1)),
            Invalid("future-dated", a.Bytes, RejectionReason.FutureDated, created - skew - TimeSpan.FromSeconds(1)),
            Invalid("lifetime-too-long", Forge(h => h.ExpiresAt = ProtoTime.ToTimestamp(created.AddDays(30))), RejectionReason.LifetimeTooLong),
            Invalid("session-overused", Forge(h => h.KeyEstablishment.SessionMessageIndex = 1000), RejectionReason.SessionExpired),
            Invalid("signature-bit-flipped", FlipSignature(a.Bytes, 0), RejectionReason.BadSignature),
            Invalid("ciphertext-bit-flipped", EnvelopeForger.Edit(a.Bytes, laoCai, editCiphertext: Flip, resign: false), RejectionReason.BadSignature),
            Invalid("signed-but-undecryptable", Forge(ciphertext: Flip), RejectionReason.DecryptionFailed),
            Invalid("created-before-the-sender-key-is-valid", Forge(h =>
            {
                var early = ProtoTime.ToTimestamp(TestExchange.Epoch.AddDays(-1));
                h.CreatedAt = early;
                h.ExpiresAt = ProtoTime.ToTimestamp(TestExchange.Epoch.AddDays(-1).AddHours(1));
                h.KeyEstablishment.SessionStartedAt = early;
            }), RejectionReason.SenderKeyNotValid, TestExchange.Epoch.AddDays(-1)),
        };
        if (postQuantum)
        {
            invalid.Add(Invalid("co-signature-missing", new EnvelopeSealer(noCoSignature, laoCai, time, null, random).Seal(new SealRequest(TestExchange.Yunnan, "verification.request", text)).Bytes, RejectionReason.CoSignatureRequired));
            invalid.Add(Invalid("co-signature-bit-flipped", FlipSignature(a.Bytes, 1), RejectionReason.BadCoSignature));
        }

        return new JsonObject
        {
            ["description"] = $"Liaison sealed-envelope test vectors, {suite}{(postQuantum ? " with ML-DSA-65 co-signatures" : "")}. See protos/ENVELOPE-SPEC.md. All binary values are lower-case hex.",
            ["suite"] = CryptoReflection.Descriptor.EnumTypes.Single(e => e.Name == nameof(Suite)).FindValueByNumber((int)suite).Name,
            ["randomness"] = $"Every random byte was drawn, in call order, from SHAKE-256(ascii(\"{seed}\")). Intermediate values let an implementation check each step without reproducing that order.",
            ["recipient_node"] = TestExchange.Yunnan,
            ["opener_now"] = Rfc3339(SealedAt),
            ["opener_max_clock_skew_seconds"] = (int)skew.TotalSeconds,
            ["signed_agreement"] = Hex(agreement.Signed.ToByteArray()),
            ["agreement_digest"] = Hex(agreement.Digest.Span),
            ["keys"] = new JsonObject
            {
                [TestExchange.LaoCai] = Keys(laoCai),
                [TestExchange.Yunnan] = Keys(yunnan),
                [TestExchange.LaoCai + ".authority"] = Keys(laoCaiAuthority),
                [TestExchange.Yunnan + ".authority"] = Keys(yunnanAuthority),
            },
            ["valid"] = valid,
            ["invalid"] = invalid,
        };
    }

    private static AgreementInForce Sign(ExchangeAgreement draft, KeyRing laoCai, KeyRing yunnan, SecureRandom random)
    {
        var once = AgreementSignatures.AddSignature(AgreementDraft.Freeze(draft), TestExchange.LaoCai, laoCai.Keys[0], random);
        return AgreementInForce.Load(AgreementSignatures.AddSignature(once, TestExchange.Yunnan, yunnan.Keys[0], random));
    }

    private static JsonObject Valid(string name, SealResult sealedEnvelope, byte[] payload, KeyRing recipient)
    {
        var envelope = SealedEnvelope.Parser.ParseFrom(sealedEnvelope.Bytes);
        var suite = CipherSuites.Get(sealedEnvelope.Header.Suite);
        var recipientKey = recipient.Find(sealedEnvelope.Header.RecipientKeyId.Span)!;
        var secret = suite.Decapsulate(recipientKey, sealedEnvelope.Header.KeyEstablishment.Encapsulation.ToByteArray())!;
        var contentKey = suite.DeriveContentKey(secret, sealedEnvelope.Header.EnvelopeId.Span);
        return new JsonObject
        {
            ["name"] = name,
            ["envelope"] = Hex(sealedEnvelope.Bytes),
            ["header"] = Hex(envelope.Header.Span),
            ["envelope_id"] = sealedEnvelope.EnvelopeId.ToString(),
            ["session_secret"] = Hex(secret),
            ["content_key"] = Hex(contentKey.Key),
            ["nonce"] = Hex(contentKey.Nonce),
            ["ciphertext_digest"] = Hex(suite.Digest(envelope.Ciphertext.Span)),
            ["to_be_signed"] = Hex(ToBeSigned.Build(Labels.EnvelopeSignature, envelope.Header.Span, suite.Digest(envelope.Ciphertext.Span))),
            ["payload"] = Hex(payload),
        };
    }

    private static JsonObject Invalid(string name, byte[] envelope, RejectionReason reason, DateTimeOffset? now = null)
    {
        var entry = new JsonObject { ["name"] = name, ["envelope"] = Hex(envelope), ["expected_reason"] = ReasonName(reason) };
        if (now is not null)
        {
            entry["opener_now"] = Rfc3339(now.Value);
        }

        return entry;
    }

    private static JsonArray Keys(KeyRing ring) =>
        new(ring.Keys.Select(k => (JsonNode)new JsonObject
        {
            ["algorithm"] = KeyIds.AlgorithmName(k.Algorithm),
            ["key_id"] = Hex(k.KeyId.Span),
            ["public_key"] = Hex(k.PublicKey.Encoded.Span),
            ["private_key"] = Hex(k.EncodedPrivateKey),
        }).ToArray());

    private static byte[] UnknownSenderKey(byte[] bytes)
    {
        var envelope = SealedEnvelope.Parser.ParseFrom(bytes);
        var header = EnvelopeHeader.Parser.ParseFrom(envelope.Header);
        header.SenderKeyId = ByteString.CopyFrom(Enumerable.Repeat((byte)0x5A, 16).ToArray());
        envelope.Header = header.ToByteString();
        envelope.Signatures[0].KeyId = header.SenderKeyId;
        return envelope.ToByteArray();
    }

    private static byte[] FlipSignature(byte[] bytes, int index)
    {
        var envelope = SealedEnvelope.Parser.ParseFrom(bytes);
        var value = envelope.Signatures[index].Value.ToByteArray();
        value[10] ^= 0x01;
        envelope.Signatures[index].Value = ByteString.CopyFrom(value);
        return envelope.ToByteArray();
    }

    private static byte[] Flip(byte[] ciphertext)
    {
        ciphertext[0] ^= 0x01;
        return ciphertext;
    }

    public static string ReasonName(RejectionReason reason) =>
        EnvelopeReflection.Descriptor.EnumTypes.Single(e => e.Name == nameof(RejectionReason)).FindValueByNumber((int)reason).Name;

    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
