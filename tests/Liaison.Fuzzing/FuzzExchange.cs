using System.Text;
using Liaison.Agreement.V1;
using Liaison.Crypto;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Security;

namespace Liaison.Fuzzing;

/// <summary>
/// A Lao Cai–Yunnan exchange in one suite, built from SHAKE-256 over a fixed seed, so
/// every run of the fuzzer and of the corpus writer holds the same keys and the same
/// co-signed agreement. The clock stands still one day after the agreement takes effect.
/// Immutable once built; the openers and verifiers built on it are thread-safe.
/// </summary>
public sealed class FuzzExchange
{
    public const string LaoCai = "vn-laocai";
    public const string Yunnan = "cn-yunnan";
    public static readonly DateTimeOffset Epoch = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = Epoch.AddDays(1);

    private static readonly Lazy<IReadOnlyList<FuzzExchange>> Exchanges = new(() =>
    [
        Create(Suite.InternationalV1, false),
        Create(Suite.InternationalV1, true),
        Create(Suite.GmV1, false),
        Create(Suite.GmV1, true),
    ]);

    private FuzzExchange(string name, Suite suite, bool postQuantum, SecureRandom random)
    {
        Name = name;
        Suite = suite;
        PostQuantum = postQuantum;
        var authority = suite == Suite.GmV1 ? KeyAlgorithm.Sm2Sign : KeyAlgorithm.Ed25519;
        LaoCaiKeys = KeyRing.Generate(LaoCai, KeyRing.NodeAlgorithms(suite, postQuantum), random);
        YunnanKeys = KeyRing.Generate(Yunnan, KeyRing.NodeAlgorithms(suite, postQuantum), random);
        LaoCaiAuthority = KeyRing.Generate(LaoCai, [authority], random);
        YunnanAuthority = KeyRing.Generate(Yunnan, [authority], random);
        Agreement = AgreementInForce.Load(CoSign(AgreementDraft.Freeze(Draft()), random));
    }

    /// <summary>The four exchanges: international and GM, each with and without the ML-DSA-65 co-signature.</summary>
    public static IReadOnlyList<FuzzExchange> All => Exchanges.Value;

    /// <summary>"international", "international-mldsa65", "gm" or "gm-mldsa65": the corpus file prefix.</summary>
    public string Name { get; }

    public Suite Suite { get; }

    public bool PostQuantum { get; }

    public AgreementInForce Agreement { get; }

    public KeyRing LaoCaiKeys { get; }

    public KeyRing YunnanKeys { get; }

    public KeyRing LaoCaiAuthority { get; }

    public KeyRing YunnanAuthority { get; }

    /// <summary>A clock that stands still at <see cref="Now"/>.</summary>
    public static TimeProvider Clock() => new FakeTimeProvider(Now);

    /// <summary>Both authorities' signatures over a frozen agreement.</summary>
    public SignedAgreement CoSign(SignedAgreement unsigned, SecureRandom random)
    {
        var once = AgreementSignatures.AddSignature(unsigned, LaoCai, LaoCaiAuthority.Keys[0], random);
        return AgreementSignatures.AddSignature(once, Yunnan, YunnanAuthority.Keys[0], random);
    }

    /// <summary>A randomness stream of this exchange's own for one purpose, e.g. "corpus".</summary>
    public SecureRandom RandomFor(string purpose) => DeterministicRandom.Create(Encoding.ASCII.GetBytes($"liaison-fuzz/v1/{Name}/{purpose}"));

    private static FuzzExchange Create(Suite suite, bool postQuantum)
    {
        var name = (suite == Suite.GmV1 ? "gm" : "international") + (postQuantum ? "-mldsa65" : "");
        return new FuzzExchange(name, suite, postQuantum, DeterministicRandom.Create(Encoding.ASCII.GetBytes($"liaison-fuzz/v1/{name}")));
    }

    private ExchangeAgreement Draft()
    {
        var until = Epoch.AddYears(2);
        return AgreementDraft.Create("laocai-yunnan-blo", Epoch,
        [
            new PartyDraft(LaoCai, new LocalizedName { Vi = "Công an tỉnh Lào Cai", Zh = "老街省公安", En = "Lao Cai Provincial Police" }, "VN",
                LaoCaiAuthority.ToPublicBundle(Epoch, until), LaoCaiKeys.ToPublicBundle(Epoch, until)),
            new PartyDraft(Yunnan, new LocalizedName { Vi = "Công an tỉnh Vân Nam", Zh = "云南省公安厅", En = "Yunnan Provincial Public Security Department" }, "CN",
                YunnanAuthority.ToPublicBundle(Epoch, until), YunnanKeys.ToPublicBundle(Epoch, until)),
        ], Suite, PostQuantum);
    }
}
