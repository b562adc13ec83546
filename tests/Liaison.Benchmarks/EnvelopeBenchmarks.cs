using System.Security.Cryptography;
using Liaison.Crypto.Envelopes;

namespace Liaison.Benchmarks;

/// <summary>
/// Times the public API end to end: <see cref="EnvelopeSealer.Seal"/> and
/// <see cref="EnvelopeOpener.Open"/>, with every check the opener runs, in both
/// key-exchange modes.
/// </summary>
internal sealed class EnvelopeBenchmarks(Harness harness, BenchmarkResults results)
{
    /// <summary>
    /// Distinct envelopes to open round-robin: 256 small ones, fewer large ones so that
    /// pre-sealing stays quick and memory stays around 16 MiB per set.
    /// </summary>
    private static int PreSealedCount(int payloadBytes) => Math.Clamp(16 * 1024 * 1024 / payloadBytes, 8, 256);

    /// <summary>Adds the seal, open and seal+open cases of one suite and size to the harness's current group.</summary>
    public void Add(EnvelopeExchange exchange, int payloadBytes)
    {
        foreach (var mode in new[] { KeyExchangeMode.PerMessage, KeyExchangeMode.Session })
        {
            var request = EnvelopeExchange.Request(RandomNumberGenerator.GetBytes(payloadBytes));
            var label = $"{Report.SuiteName(exchange.Suite)} {Report.Size(payloadBytes)} {Report.ModeName(mode)}{(exchange.CoSigned ? " +ML-DSA" : "")}";

            // Seal. In session mode the sealer keeps its session for the agreement's
            // 1000 messages, so one encapsulation is amortised over 1000 seals, as in production.
            var sealer = exchange.Sealer(mode);
            var seal = harness.Add($"{label} seal", () => sealer.Seal(request).Bytes.Length);

            // Open. Session mode: one long-lived opener with the default cache, which hits
            // for every envelope of the session. Per-message mode: every envelope carries its
            // own encapsulation; the cache is disabled so that re-opening the same pre-sealed
            // envelope cannot hit it, and each open pays for a full decapsulation.
            var preSealer = exchange.Sealer(mode);
            var envelopes = Enumerable.Range(0, PreSealedCount(payloadBytes)).Select(_ => preSealer.Seal(request).Bytes).ToArray();
            var opener = OpenerFor(exchange, mode);
            var next = 0;
            var open = harness.Add($"{label} open", () =>
            {
                var bytes = envelopes[next];
                next = (next + 1) % envelopes.Length;
                return Accepted(opener.Open(bytes));
            });

            // The round trip, timed as one operation rather than added up, so it includes
            // whatever one side leaves for the other (allocation, cache state).
            var roundTripSealer = exchange.Sealer(mode);
            var roundTripOpener = OpenerFor(exchange, mode);
            var sealOpen = harness.Add($"{label} seal+open", () => Accepted(roundTripOpener.Open(roundTripSealer.Seal(request).Bytes)));

            results.Envelopes.Add(new EnvelopeResult(exchange.Suite, payloadBytes, mode, exchange.CoSigned, seal, open, sealOpen));
        }
    }

    private static EnvelopeOpener OpenerFor(EnvelopeExchange exchange, KeyExchangeMode mode) =>
        exchange.Opener(mode == KeyExchangeMode.PerMessage ? 0 : null);

    /// <summary>Every open is checked: a benchmark that silently measured rejections would be worthless.</summary>
    private static int Accepted(EnvelopeOpenResult result) =>
        result.IsAccepted ? result.Payload!.Length : throw new InvalidOperationException($"The envelope was rejected: {result.Reason}: {result.Detail}");
}
