using System.Security.Cryptography;
using Liaison.Agreement.V1;
using Liaison.Crypto;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;
using Liaison.Gateway.Storage;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Security;

namespace Liaison.Gateway.Tests;

/// <summary>
/// Lao Cai, Yunnan and Luang Namtha under a co-signed international-suite agreement, with the
/// real sealer, opener and receipt signer (the minimal set-up of the crypto tests'
/// TestExchange). Keys are generated once per run; the clock is per instance.
/// </summary>
public sealed class TestParties
{
    public const string LaoCai = "vn-laocai";
    public const string Yunnan = "cn-yunnan";

    /// <summary>A third party, so that two links leave Lao Cai and their sequences can be told apart.</summary>
    public const string LuangNamtha = "la-luangnamtha";
    public const string MessageType = "verification.request";
    public static readonly DateTimeOffset Epoch = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<(AgreementInForce Agreement, KeyRing LaoCai, KeyRing Yunnan)> Shared = new(Build);

    public TestParties()
    {
        var (agreement, laoCai, yunnan) = Shared.Value;
        (Agreement, LaoCaiKeys, YunnanKeys) = (agreement, laoCai, yunnan);
        Time = new FakeTimeProvider(Epoch.AddDays(1));
        LaoCaiSealer = new EnvelopeSealer(agreement, laoCai, Time);
        YunnanOpener = new EnvelopeOpener(agreement, yunnan, Time);
        YunnanReceipts = new ReceiptSigner(agreement, yunnan, Time);
        LaoCaiReceiptVerifier = new ReceiptVerifier(agreement, LaoCai, Time);
    }

    public FakeTimeProvider Time { get; }

    public AgreementInForce Agreement { get; }

    public KeyRing LaoCaiKeys { get; }

    public KeyRing YunnanKeys { get; }

    public EnvelopeSealer LaoCaiSealer { get; }

    public EnvelopeOpener YunnanOpener { get; }

    public ReceiptSigner YunnanReceipts { get; }

    public ReceiptVerifier LaoCaiReceiptVerifier { get; }

    /// <summary>A submission from Lao Cai to Yunnan whose digest is that of <paramref name="payload"/>.</summary>
    public static OutboundSubmission Submission(string requestId, byte[] payload, string peer = Yunnan) =>
        new(requestId, SHA256.HashData(payload), peer, MessageType) { CaseReference = "LC-2026-0042", CorrelationId = "corr-" + requestId };

    /// <summary>The seal delegate the gateway passes: Lao Cai's real sealer, with the sequence the store chose.</summary>
    public Func<ulong, SealResult> SealFor(OutboundSubmission submission, byte[] payload, TimeSpan? lifetime = null) =>
        sequence => LaoCaiSealer.Seal(new SealRequest(submission.PeerNode, submission.MessageType, payload)
        {
            CaseReference = submission.CaseReference,
            CorrelationId = submission.CorrelationId,
            Priority = submission.Priority,
            Sequence = sequence,
            Lifetime = lifetime,
        });

    /// <summary>An envelope from Lao Cai as Yunnan receives it: opened by the real opener, with its signed receipt.</summary>
    public (InboundRecord Record, byte[] Receipt) Arrive(byte[] envelope)
    {
        var opened = YunnanOpener.Open(envelope);
        Assert.True(InboundRecord.TryFrom(opened, envelope, out var record));
        return (record, YunnanReceipts.Sign(envelope, opened.Header!, opened.Reason));
    }

    /// <summary>A freshly sealed envelope from Lao Cai to Yunnan.</summary>
    public byte[] SealToYunnan(ulong sequence, int payloadBytes = 2048) =>
        LaoCaiSealer.Seal(new SealRequest(Yunnan, MessageType, Payload(payloadBytes, (int)sequence)) { CaseReference = "LC-2026-0042", Sequence = sequence }).Bytes;

    public static byte[] Payload(int length, int seed)
    {
        var payload = new byte[length];
        new Random(seed).NextBytes(payload);
        return payload;
    }

    private static (AgreementInForce, KeyRing, KeyRing) Build()
    {
        var random = DeterministicRandom.Create("gateway-store-tests"u8);
        var laoCai = KeyRing.Generate(LaoCai, KeyRing.NodeAlgorithms(Suite.InternationalV1, false), random);
        var yunnan = KeyRing.Generate(Yunnan, KeyRing.NodeAlgorithms(Suite.InternationalV1, false), random);
        var luangNamtha = KeyRing.Generate(LuangNamtha, KeyRing.NodeAlgorithms(Suite.InternationalV1, false), random);
        var authorities = new[] { LaoCai, Yunnan, LuangNamtha }.Select(node => KeyRing.Generate(node, [KeyAlgorithm.Ed25519], random)).ToArray();
        var (from, until) = (Epoch, Epoch.AddYears(2));
        var draft = AgreementDraft.Create("laocai-yunnan-blo", Epoch,
        [
            new PartyDraft(LaoCai, Name("Công an tỉnh Lào Cai", "老街省公安", "Lao Cai Provincial Police"), "VN", authorities[0].ToPublicBundle(from, until), laoCai.ToPublicBundle(from, until)),
            new PartyDraft(Yunnan, Name("Công an tỉnh Vân Nam", "云南省公安厅", "Yunnan Provincial Public Security Department"), "CN", authorities[1].ToPublicBundle(from, until), yunnan.ToPublicBundle(from, until)),
            new PartyDraft(LuangNamtha, Name("Công an tỉnh Luang Namtha", "琅南塔省警察", "Luang Namtha Provincial Police"), "LA", authorities[2].ToPublicBundle(from, until), luangNamtha.ToPublicBundle(from, until)),
        ], Suite.InternationalV1, requirePostQuantumSignature: false);
        var signed = AgreementDraft.Freeze(AgreementDraft.AllowAttachments(draft));
        foreach (var authority in authorities)
        {
            signed = AgreementSignatures.AddSignature(signed, authority.Owner, authority.Keys[0], new SecureRandom());
        }

        return (AgreementInForce.Load(signed), laoCai, yunnan);
    }

    private static LocalizedName Name(string vi, string zh, string en) => new() { Vi = vi, Zh = zh, En = en };
}
