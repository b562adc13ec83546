using Liaison.Crypto.V1;

namespace Liaison.Benchmarks;

/// <summary>
/// The <c>crypto</c> run. Each suite's primitives and envelopes form one harness group,
/// so their batches are interleaved: the overhead ratio's numerator and denominator are
/// timed under the same machine conditions, not minutes apart.
/// </summary>
internal static class CryptoBenchmarks
{
    public static readonly IReadOnlyList<int> PayloadSizes = [2 * 1024, 1024 * 1024];

    public static int Run(HarnessSettings settings, TextWriter output, TextWriter progress)
    {
        var harness = new Harness(settings, progress);
        var results = new BenchmarkResults();
        var primitives = new PrimitiveBenchmarks(harness, results);
        var envelopes = new EnvelopeBenchmarks(harness, results);

        var international = EnvelopeExchange.Create(Suite.InternationalV1, coSigned: false);
        primitives.AddInternational(international.HeaderLength());
        foreach (var size in PayloadSizes)
        {
            envelopes.Add(international, size);
        }

        harness.RunGroup("International suite");

        var gm = EnvelopeExchange.Create(Suite.GmV1, coSigned: false);
        primitives.AddGm(gm.HeaderLength());
        foreach (var size in PayloadSizes)
        {
            envelopes.Add(gm, size);
        }

        harness.RunGroup("GM suite");

        var internationalCoSigned = EnvelopeExchange.Create(Suite.InternationalV1, coSigned: true);
        primitives.AddMlDsa(internationalCoSigned.HeaderLength());
        envelopes.Add(internationalCoSigned, PayloadSizes[0]);
        envelopes.Add(EnvelopeExchange.Create(Suite.GmV1, coSigned: true), PayloadSizes[0]);
        harness.RunGroup("ML-DSA-65 co-signature");

        Report.Write(output, results, harness);
        return 0;
    }
}
