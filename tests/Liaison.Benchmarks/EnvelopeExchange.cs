using Liaison.Agreement.V1;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;
using Org.BouncyCastle.Security;

namespace Liaison.Benchmarks;

/// <summary>
/// A two-party agreement (Lao Cai seals, Yunnan opens) in one suite, built the way
/// tests/Liaison.Crypto.Tests/TestExchange.cs builds it, minus what benchmarks do not
/// need. Keys come from a system-seeded <see cref="SecureRandom"/> and the clock is
/// <see cref="TimeProvider.System"/>, as in production.
/// </summary>
internal sealed class EnvelopeExchange
{
    public const string SenderNode = "vn-laocai";
    public const string RecipientNode = "cn-yunnan";
    public const string MessageType = "verification.request";

    private readonly AgreementInForce agreement;
    private readonly KeyRing senderKeys;
    private readonly KeyRing recipientKeys;

    private EnvelopeExchange(Suite suite, bool coSigned, AgreementInForce agreement, KeyRing senderKeys, KeyRing recipientKeys)
    {
        Suite = suite;
        CoSigned = coSigned;
        this.agreement = agreement;
        this.senderKeys = senderKeys;
        this.recipientKeys = recipientKeys;
    }

    public Suite Suite { get; }

    /// <summary>The co-signed agreement, for gateways run on it (the <c>exchange</c> benchmark).</summary>
    public AgreementInForce Agreement => agreement;

    /// <summary>Lao Cai's keys: the sending node's.</summary>
    public KeyRing SenderKeys => senderKeys;

    /// <summary>Yunnan's keys: the receiving node's.</summary>
    public KeyRing RecipientKeys => recipientKeys;

    /// <summary>Whether the links require the ML-DSA-65 co-signature.</summary>
    public bool CoSigned { get; }

    public static EnvelopeExchange Create(Suite suite, bool coSigned)
    {
        var random = new SecureRandom();
        var authorityAlgorithm = suite == Suite.GmV1 ? KeyAlgorithm.Sm2Sign : KeyAlgorithm.Ed25519;
        var sender = KeyRing.Generate(SenderNode, KeyRing.NodeAlgorithms(suite, coSigned), random);
        var recipient = KeyRing.Generate(RecipientNode, KeyRing.NodeAlgorithms(suite, coSigned), random);
        var senderAuthority = KeyRing.Generate(SenderNode, [authorityAlgorithm], random);
        var recipientAuthority = KeyRing.Generate(RecipientNode, [authorityAlgorithm], random);

        // Valid from yesterday for a year, so the real clock is well inside every window.
        var from = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds());
        var until = from.AddYears(1);
        var draft = AgreementDraft.Create("laocai-yunnan-bench", from,
        [
            new PartyDraft(SenderNode, new LocalizedName { Vi = "Công an tỉnh Lào Cai", Zh = "老街省公安", En = "Lao Cai Provincial Police" }, "VN",
                senderAuthority.ToPublicBundle(from, until), sender.ToPublicBundle(from, until)),
            new PartyDraft(RecipientNode, new LocalizedName { Vi = "Công an tỉnh Vân Nam", Zh = "云南省公安厅", En = "Yunnan Provincial Public Security Department" }, "CN",
                recipientAuthority.ToPublicBundle(from, until), recipient.ToPublicBundle(from, until)),
        ], suite, coSigned);
        var signed = AgreementDraft.Freeze(draft);
        signed = AgreementSignatures.AddSignature(signed, SenderNode, senderAuthority.Keys[0], random);
        signed = AgreementSignatures.AddSignature(signed, RecipientNode, recipientAuthority.Keys[0], random);
        return new EnvelopeExchange(suite, coSigned, AgreementInForce.Load(signed), sender, recipient);
    }

    /// <summary>A sealer with the production default generator (no random argument).</summary>
    public EnvelopeSealer Sealer(KeyExchangeMode mode) =>
        new(agreement, senderKeys, TimeProvider.System, new SealerOptions { KeyExchange = mode });

    /// <param name="sessionCacheSize">0 disables the decapsulation cache; null keeps the default.</param>
    public EnvelopeOpener Opener(int? sessionCacheSize) =>
        new(agreement, recipientKeys, TimeProvider.System, sessionCacheSize is { } size ? new OpenerOptions { SessionCacheSize = size } : new OpenerOptions());

    public static SealRequest Request(byte[] payload) =>
        new(RecipientNode, MessageType, payload) { CaseReference = "LC-2026-0042", CorrelationId = "corr-1", Sequence = 1 };

    /// <summary>
    /// The serialised header length of a real envelope: the primitives use it as the AEAD's
    /// associated data length and to size the to-be-signed bytes, so they process what sealing does.
    /// </summary>
    public int HeaderLength() => Sealer(KeyExchangeMode.PerMessage).Seal(Request(new byte[16])).Header.CalculateSize();
}
