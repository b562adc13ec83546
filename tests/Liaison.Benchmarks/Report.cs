using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.V1;
using Org.BouncyCastle.Security;
using static System.FormattableString;

namespace Liaison.Benchmarks;

/// <summary>
/// Prints the run: environment, primitive table, envelope table, the overhead ratio
/// with its formula and terms, and the machine-readable lines, the ratio last.
/// All numbers use the invariant culture so that the key=value lines parse anywhere.
/// </summary>
internal static class Report
{
    private const int Small = 2 * 1024;

    public static string SuiteName(Suite suite) => suite switch
    {
        Suite.InternationalV1 => "International",
        Suite.GmV1 => "GM",
        _ => suite.ToString(),
    };

    public static string ModeName(KeyExchangeMode mode) => mode == KeyExchangeMode.PerMessage ? "per-message" : "session";

    public static string Size(int bytes) => bytes % (1024 * 1024) == 0 ? Invariant($"{bytes / (1024 * 1024)} MiB") : Invariant($"{bytes / 1024} KiB");

    public static void Write(TextWriter output, BenchmarkResults results, Harness harness)
    {
        WriteEnvironment(output, harness);
        WritePrimitives(output, results);
        WriteEnvelopes(output, results);

        output.WriteLine("Overhead of the envelope over the primitives it runs");
        output.WriteLine();
        var ratio = WriteRatio(output, results, Suite.InternationalV1, Small, main: true);
        output.WriteLine("For comparison only (same formula, other cases):");
        WriteRatio(output, results, Suite.InternationalV1, 1024 * 1024, main: false);
        WriteRatio(output, results, Suite.GmV1, Small, main: false);
        WriteRatio(output, results, Suite.GmV1, 1024 * 1024, main: false);
        output.WriteLine();

        output.WriteLine(Invariant($"session_seal_open_us={results.Envelope(Suite.InternationalV1, Small, KeyExchangeMode.Session, false).SealOpen.MedianUs:F1}"));
        output.WriteLine(Invariant($"per_message_seal_open_us={results.Envelope(Suite.InternationalV1, Small, KeyExchangeMode.PerMessage, false).SealOpen.MedianUs:F1}"));
        output.WriteLine(Invariant($"crypto_overhead_ratio={ratio:F2}"));
    }

    private static void WriteEnvironment(TextWriter output, Harness harness)
    {
        var settings = harness.Settings;
        var optimized = typeof(Report).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        output.WriteLine("Liaison crypto benchmarks");
        output.WriteLine(Invariant($"  runtime     {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} logical CPUs{CpuModel()}"));
        output.WriteLine(Invariant($"  build       {(optimized ? "optimised (Release)" : "NOT OPTIMISED (Debug): numbers are meaningless")}, GC {(GCSettings.IsServerGC ? "server" : "workstation")} {GCSettings.LatencyMode}"));
        output.WriteLine(Invariant($"  libraries   BouncyCastle {LibraryVersion(typeof(SecureRandom).Assembly)}, .NET AesGcm/SHA256/HKDF"));
        output.WriteLine(Invariant($"  harness     one thread; warm-up {settings.WarmUp.TotalMilliseconds:F0} ms per case, then {settings.Batches} rounds of one >= {settings.BatchTime.TotalMilliseconds:F0} ms batch per case"));
        output.WriteLine("              (a suite's cases interleaved, so load bursts hit all of them alike); median batch per op, Stopwatch");
        output.WriteLine("              spread = (slowest batch - fastest batch) / median");
        output.WriteLine(Invariant($"  randomness  system-seeded SecureRandom everywhere (envelopes: the sealer's default)   [sink {harness.Checksum}]"));
        output.WriteLine();
    }

    private static void WritePrimitives(TextWriter output, BenchmarkResults results)
    {
        output.WriteLine("Raw primitives (same classes as the suites, prepared inputs, same harness and run)");
        output.WriteLine();
        var table = new TextTable(("Suite", false), ("Operation", false), ("Input", false), ("us/op", true), ("spread", true), ("MB/s", true));
        foreach (var p in results.Primitives)
        {
            var m = p.Measurement;
            table.Add(p.Suite, p.Operation, p.Input, Us(m.MedianUs), Spread(m.SpreadPercent),
                p.Bytes is { } bytes ? Invariant($"{bytes / m.MedianUs:F0}") : "");
        }

        table.Write(output);
        output.WriteLine();
    }

    private static void WriteEnvelopes(TextWriter output, BenchmarkResults results)
    {
        output.WriteLine("Sealed envelopes (EnvelopeSealer.Seal / EnvelopeOpener.Open with all checks and decryption)");
        output.WriteLine("  per-message: fresh key exchange per envelope; opener cache disabled (SessionCacheSize = 0)");
        output.WriteLine("  session:     one key exchange per 1000 envelopes (agreement default); one long-lived opener, cache hits");
        output.WriteLine();
        var table = new TextTable(("Suite", false), ("Payload", true), ("Key exchange", false), ("Co-signature", false),
            ("Seal us/op", true), ("Open us/op", true), ("Seal+open us/op", true), ("max spread", true));
        var ordered = results.Envelopes
            .OrderBy(e => e.Suite)
            .ThenBy(e => e.CoSigned)
            .ThenBy(e => e.PayloadBytes)
            .ThenBy(e => e.Mode == KeyExchangeMode.PerMessage ? 0 : 1);
        foreach (var e in ordered)
        {
            var spread = new[] { e.Seal, e.Open, e.SealOpen }.Max(m => m.SpreadPercent);
            table.Add(SuiteName(e.Suite), Size(e.PayloadBytes), ModeName(e.Mode), e.CoSigned ? "ML-DSA-65" : "none",
                Us(e.Seal.MedianUs), Us(e.Open.MedianUs), Us(e.SealOpen.MedianUs), Spread(spread));
        }

        table.Write(output);
        output.WriteLine();
    }

    /// <summary>Prints one ratio with its formula and every term; returns it.</summary>
    private static double WriteRatio(TextWriter output, BenchmarkResults results, Suite suite, int size, bool main)
    {
        var (sender, receiver) = Terms(suite, size);
        var senderUs = sender.Sum(t => results.PrimitiveUs(t.Id));
        var receiverUs = receiver.Sum(t => results.PrimitiveUs(t.Id));
        var envelope = results.Envelope(suite, size, KeyExchangeMode.PerMessage, coSigned: false);
        var ratio = envelope.SealOpen.MedianUs / (senderUs + receiverUs);
        var name = main ? "crypto_overhead_ratio" : Invariant($"ratio({SuiteName(suite)}, {Size(size)})");

        if (!main)
        {
            output.WriteLine(Invariant($"  {name,-28} = {envelope.SealOpen.MedianUs,10:F1} / {senderUs + receiverUs,10:F1} = {ratio:F2}   (seal {envelope.Seal.MedianUs / senderUs:F2}, open {envelope.Open.MedianUs / receiverUs:F2})"));
            return ratio;
        }

        output.WriteLine(Invariant($"{name} = seal+open({SuiteName(suite)}, {Size(size)}, per-message key exchange, no co-signature)"));
        output.WriteLine("                        / (sum of the primitives seal+open runs, once each):");
        WriteTerms(output, results, "sender", sender, senderUs);
        WriteTerms(output, results, "receiver", receiver, receiverUs);
        output.WriteLine(Invariant($"    {"primitives, total",-48} {senderUs + receiverUs,10:F1} us"));
        output.WriteLine(Invariant($"    {"seal+open, measured",-48} {envelope.SealOpen.MedianUs,10:F1} us"));
        output.WriteLine(Invariant($"    {"ratio",-48} {ratio,10:F2}   (target <= 1.20)"));
        output.WriteLine(Invariant($"    {"seal alone / sender primitives",-48} {envelope.Seal.MedianUs / senderUs,10:F2}   ({envelope.Seal.MedianUs:F1} / {senderUs:F1} us)"));
        output.WriteLine(Invariant($"    {"open alone / receiver primitives",-48} {envelope.Open.MedianUs / receiverUs,10:F2}   ({envelope.Open.MedianUs:F1} / {receiverUs:F1} us)"));
        output.WriteLine();
        return ratio;
    }

    private static void WriteTerms(TextWriter output, BenchmarkResults results, string side, IReadOnlyList<(string Name, string Id)> terms, double total)
    {
        output.WriteLine(Invariant($"  {side}:"));
        foreach (var (name, id) in terms)
        {
            output.WriteLine(Invariant($"    + {name,-46} {results.PrimitiveUs(id),10:F1} us"));
        }

        output.WriteLine(Invariant($"    {"= " + side,-48} {total,10:F1} us"));
    }

    /// <summary>The primitives that one seal and one open run once each, per suite.</summary>
    private static (IReadOnlyList<(string Name, string Id)> Sender, IReadOnlyList<(string Name, string Id)> Receiver) Terms(Suite suite, int size)
    {
        var payload = Size(size);
        return suite == Suite.InternationalV1
            ? (
                [
                    ("X25519 ephemeral key generation", PrimitiveIds.X25519KeyGeneration),
                    ("X25519 agreement", PrimitiveIds.X25519Agreement),
                    ("ML-KEM-768 encapsulate", PrimitiveIds.MlKemEncapsulate),
                    ("HKDF-SHA-256 session secret", PrimitiveIds.HkdfSha256Session),
                    ("HKDF-SHA-256 content key", PrimitiveIds.HkdfSha256ContentKey),
                    ($"AES-256-GCM encrypt {payload}", PrimitiveIds.AesGcmEncrypt(size)),
                    ("SHA-256(ciphertext)", PrimitiveIds.Sha256(size)),
                    ("Ed25519 sign", PrimitiveIds.Ed25519Sign),
                ],
                [
                    ("X25519 agreement", PrimitiveIds.X25519Agreement),
                    ("ML-KEM-768 decapsulate", PrimitiveIds.MlKemDecapsulate),
                    ("HKDF-SHA-256 session secret", PrimitiveIds.HkdfSha256Session),
                    ("HKDF-SHA-256 content key", PrimitiveIds.HkdfSha256ContentKey),
                    ("SHA-256(ciphertext)", PrimitiveIds.Sha256(size)),
                    ("Ed25519 verify", PrimitiveIds.Ed25519Verify),
                    ($"AES-256-GCM decrypt {payload}", PrimitiveIds.AesGcmDecrypt(size)),
                ])
            : (
                [
                    ("SM2 encrypt (32 B secret)", PrimitiveIds.Sm2Encrypt),
                    ("HKDF-SM3 session secret", PrimitiveIds.HkdfSm3Session),
                    ("HKDF-SM3 content key", PrimitiveIds.HkdfSm3ContentKey),
                    ($"SM4-GCM encrypt {payload}", PrimitiveIds.Sm4GcmEncrypt(size)),
                    ("SM3(ciphertext)", PrimitiveIds.Sm3(size)),
                    ("SM2 sign", PrimitiveIds.Sm2Sign),
                ],
                [
                    ("SM2 decrypt", PrimitiveIds.Sm2Decrypt),
                    ("HKDF-SM3 session secret", PrimitiveIds.HkdfSm3Session),
                    ("HKDF-SM3 content key", PrimitiveIds.HkdfSm3ContentKey),
                    ("SM3(ciphertext)", PrimitiveIds.Sm3(size)),
                    ("SM2 verify", PrimitiveIds.Sm2Verify),
                    ($"SM4-GCM decrypt {payload}", PrimitiveIds.Sm4GcmDecrypt(size)),
                ]);
    }

    private static string Us(double value) => Invariant($"{value:F1}");

    private static string Spread(double percent) => Invariant($"{percent:F1}%");

    /// <summary>The package version (the assembly version of BouncyCastle is pinned to 2.0.0.0 across releases).</summary>
    private static string LibraryVersion(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "?";
        var build = version.IndexOf('+', StringComparison.Ordinal);
        return build < 0 ? version : version[..build];
    }

    private static string CpuModel()
    {
        // Linux only; elsewhere the CPU model is simply left out.
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
        {
            return "";
        }

        var model = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return model is null ? "" : ", " + model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
