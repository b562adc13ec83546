using Liaison.Crypto.Envelopes;
using Liaison.Crypto.V1;

namespace Liaison.Benchmarks;

/// <summary>One raw-primitive row.</summary>
/// <param name="Id">A stable key (see <see cref="PrimitiveIds"/>) so the ratio formula cannot pick the wrong row.</param>
/// <param name="Input">What one operation processes, for the reader.</param>
/// <param name="Bytes">Bulk bytes per operation, for a throughput column; null for fixed-size operations.</param>
internal sealed record PrimitiveResult(string Id, string Suite, string Operation, string Input, int? Bytes, BenchmarkCase Case)
{
    public Measurement Measurement => Case.Result;
}

/// <summary>One envelope row: seal, open and a seal-then-open round trip, each timed on its own.</summary>
internal sealed record EnvelopeResult(Suite Suite, int PayloadBytes, KeyExchangeMode Mode, bool CoSigned, BenchmarkCase SealCase, BenchmarkCase OpenCase, BenchmarkCase SealOpenCase)
{
    public Measurement Seal => SealCase.Result;

    public Measurement Open => OpenCase.Result;

    public Measurement SealOpen => SealOpenCase.Result;
}

/// <summary>Everything measured in one run, in measurement order.</summary>
internal sealed class BenchmarkResults
{
    public List<PrimitiveResult> Primitives { get; } = [];

    public List<EnvelopeResult> Envelopes { get; } = [];

    public double PrimitiveUs(string id) =>
        Primitives.SingleOrDefault(p => p.Id == id)?.Measurement.MedianUs
        ?? throw new InvalidOperationException($"No primitive row '{id}' was measured.");

    public EnvelopeResult Envelope(Suite suite, int payloadBytes, KeyExchangeMode mode, bool coSigned) =>
        Envelopes.SingleOrDefault(e => e.Suite == suite && e.PayloadBytes == payloadBytes && e.Mode == mode && e.CoSigned == coSigned)
        ?? throw new InvalidOperationException($"No envelope row {suite}/{payloadBytes}/{mode}/{coSigned} was measured.");
}

/// <summary>The keys of the primitive rows.</summary>
internal static class PrimitiveIds
{
    public const string Ed25519Sign = "intl.ed25519.sign";
    public const string Ed25519Verify = "intl.ed25519.verify";
    public const string X25519KeyGeneration = "intl.x25519.keygen";
    public const string X25519Agreement = "intl.x25519.agreement";
    public const string MlKemEncapsulate = "intl.mlkem768.encapsulate";
    public const string MlKemDecapsulate = "intl.mlkem768.decapsulate";
    public const string HkdfSha256Session = "intl.hkdf.session";
    public const string HkdfSha256ContentKey = "intl.hkdf.content-key";

    public const string Sm2Sign = "gm.sm2.sign";
    public const string Sm2Verify = "gm.sm2.verify";
    public const string Sm2Encrypt = "gm.sm2.encrypt";
    public const string Sm2Decrypt = "gm.sm2.decrypt";
    public const string HkdfSm3Session = "gm.hkdf.session";
    public const string HkdfSm3ContentKey = "gm.hkdf.content-key";

    public const string MlDsaSign = "pq.mldsa65.sign";
    public const string MlDsaVerify = "pq.mldsa65.verify";

    public static string AesGcmEncrypt(int bytes) => $"intl.aesgcm.encrypt.{bytes}";

    public static string AesGcmDecrypt(int bytes) => $"intl.aesgcm.decrypt.{bytes}";

    public static string Sha256(int bytes) => $"intl.sha256.{bytes}";

    public static string Sm4GcmEncrypt(int bytes) => $"gm.sm4gcm.encrypt.{bytes}";

    public static string Sm4GcmDecrypt(int bytes) => $"gm.sm4gcm.decrypt.{bytes}";

    public static string Sm3(int bytes) => $"gm.sm3.{bytes}";
}
