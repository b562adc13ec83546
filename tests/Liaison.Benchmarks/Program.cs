using Liaison.Benchmarks;

// Dispatch only: each benchmark family lives in its own class.
const string Usage = """
    Usage: dotnet run -c Release --project tests/Liaison.Benchmarks -- <benchmark> [--quick]

    Benchmarks:
      crypto    Seal and open per suite (2 KiB and 1 MiB, per-message and session key exchange,
                with and without the ML-DSA-65 co-signature) next to the raw primitives they use.
                Prints tables, then session_seal_open_us=, per_message_seal_open_us= and,
                last, crypto_overhead_ratio=.

    Options:
      --quick   Very short batches: checks that everything runs; the numbers are not meaningful.
    """;

var quick = args.Contains("--quick");
var rest = args.Where(a => a != "--quick").ToArray();
if (rest is not ["crypto"])
{
    Console.Error.WriteLine(Usage);
    return 2;
}

return CryptoBenchmarks.Run(quick ? HarnessSettings.Quick : HarnessSettings.Full, Console.Out, Console.Error);
