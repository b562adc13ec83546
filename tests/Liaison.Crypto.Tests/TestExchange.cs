using Google.Protobuf;
using Liaison.Agreement.V1;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Tests;

/// <summary>
/// A two-party exchange (Lao Cai and Yunnan) built from deterministic keys, so every
/// test starts from the same known state. Key generation is the slow part, so the
/// key rings are built once per suite and shared.
/// </summary>
public sealed class TestExchange
{
    public const string LaoCai = "vn-laocai";
    public const string Yunnan = "cn-yunnan";
    public static readonly DateTimeOffset Epoch = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<(Suite, bool), (KeyRing, KeyRing, KeyRing, KeyRing)> RingCache = [];
    private static readonly Lock CacheGate = new();

    private TestExchange(AgreementInForce agreement, KeyRing laoCai, KeyRing yunnan, KeyRing laoCaiAuthority, KeyRing yunnanAuthority, FakeTimeProvider time)
    {
        Agreement = agreement;
        LaoCaiKeys = laoCai;
        YunnanKeys = yunnan;
        LaoCaiAuthority = laoCaiAuthority;
        YunnanAuthority = yunnanAuthority;
        Time = time;
    }

    public AgreementInForce Agreement { get; }

    public KeyRing LaoCaiKeys { get; }

    public KeyRing YunnanKeys { get; }

    public KeyRing LaoCaiAuthority { get; }

    public KeyRing YunnanAuthority { get; }

    public FakeTimeProvider Time { get; }

    public static (KeyRing LaoCai, KeyRing Yunnan, KeyRing LaoCaiAuthority, KeyRing YunnanAuthority) Rings(Suite suite, bool postQuantum)
    {
        lock (CacheGate)
        {
            if (!RingCache.TryGetValue((suite, postQuantum), out var rings))
            {
                var random = DeterministicRandom.Create(System.Text.Encoding.ASCII.GetBytes($"test-rings/{suite}/{postQuantum}"));
                var authority = suite == Suite.GmV1 ? KeyAlgorithm.Sm2Sign : KeyAlgorithm.Ed25519;
                rings = (
                    KeyRing.Generate(LaoCai, KeyRing.NodeAlgorithms(suite, postQuantum), random),
                    KeyRing.Generate(Yunnan, KeyRing.NodeAlgorithms(suite, postQuantum), random),
                    KeyRing.Generate(LaoCai, [authority], random),
                    KeyRing.Generate(Yunnan, [authority], random));
                RingCache[(suite, postQuantum)] = rings;
            }

            return rings;
        }
    }

    /// <summary>Builds, co-signs and loads an agreement; <paramref name="edit"/> may change the draft first.</summary>
    public static TestExchange Create(Suite suite, bool postQuantum = false, Action<ExchangeAgreement>? edit = null)
    {
        var (laoCai, yunnan, laoCaiAuthority, yunnanAuthority) = Rings(suite, postQuantum);
        var draft = Draft(suite, postQuantum, laoCai, yunnan, laoCaiAuthority, yunnanAuthority);
        edit?.Invoke(draft);
        var signed = CoSign(AgreementDraft.Freeze(draft), laoCaiAuthority, yunnanAuthority);
        return new TestExchange(AgreementInForce.Load(signed), laoCai, yunnan, laoCaiAuthority, yunnanAuthority, new FakeTimeProvider(Epoch.AddDays(1)));
    }

    /// <summary>Both parties hold keys of both suites; every link uses <paramref name="linkSuite"/>.</summary>
    public static TestExchange CreateDual(Suite linkSuite)
    {
        var international = Rings(Suite.InternationalV1, false);
        var gm = Rings(Suite.GmV1, false);
        var laoCai = KeyRing.Create(LaoCai, international.LaoCai.Keys.Concat(gm.LaoCai.Keys));
        var yunnan = KeyRing.Create(Yunnan, international.Yunnan.Keys.Concat(gm.Yunnan.Keys));
        var draft = Draft(linkSuite, false, laoCai, yunnan, international.LaoCaiAuthority, international.YunnanAuthority);
        var signed = CoSign(AgreementDraft.Freeze(draft), international.LaoCaiAuthority, international.YunnanAuthority);
        return new TestExchange(AgreementInForce.Load(signed), laoCai, yunnan, international.LaoCaiAuthority, international.YunnanAuthority, new FakeTimeProvider(Epoch.AddDays(1)));
    }

    public static ExchangeAgreement Draft(Suite suite, bool postQuantum, KeyRing laoCai, KeyRing yunnan, KeyRing laoCaiAuthority, KeyRing yunnanAuthority)
    {
        var from = Epoch;
        var until = Epoch.AddYears(2);
        return AgreementDraft.Create("laocai-yunnan-blo", Epoch,
        [
            new PartyDraft(LaoCai, new LocalizedName { Vi = "Công an tỉnh Lào Cai", Zh = "老街省公安", En = "Lao Cai Provincial Police" }, "VN",
                laoCaiAuthority.ToPublicBundle(from, until), laoCai.ToPublicBundle(from, until)),
            new PartyDraft(Yunnan, new LocalizedName { Vi = "Công an tỉnh Vân Nam", Zh = "云南省公安厅", En = "Yunnan Provincial Public Security Department" }, "CN",
                yunnanAuthority.ToPublicBundle(from, until), yunnan.ToPublicBundle(from, until)),
        ], suite, postQuantum);
    }

    public static SignedAgreement CoSign(SignedAgreement unsigned, KeyRing laoCaiAuthority, KeyRing yunnanAuthority)
    {
        var random = new SecureRandom();
        var once = AgreementSignatures.AddSignature(unsigned, LaoCai, laoCaiAuthority.Keys[0], random);
        return AgreementSignatures.AddSignature(once, Yunnan, yunnanAuthority.Keys[0], random);
    }

    public EnvelopeSealer LaoCaiSealer(KeyExchangeMode mode = KeyExchangeMode.Session, SecureRandom? random = null) =>
        new(Agreement, LaoCaiKeys, Time, new SealerOptions { KeyExchange = mode }, random);

    public EnvelopeOpener YunnanOpener(OpenerOptions? options = null) => new(Agreement, YunnanKeys, Time, options);

    public static SealRequest Request(int payloadBytes, string messageType = "verification.request")
    {
        var payload = new byte[payloadBytes];
        new Random(payloadBytes).NextBytes(payload);
        return new SealRequest(Yunnan, messageType, payload) { CaseReference = "LC-2026-0042", CorrelationId = "corr-1", Sequence = 1 };
    }

    public static ByteString Bytes(byte[] value) => ByteString.CopyFrom(value);
}
