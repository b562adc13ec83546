using Liaison.Benchmarks;
using Liaison.Benchmarks.Exchange;

// Dispatch only: each benchmark family lives in its own class.
const string Usage = """
    Usage: dotnet run -c Release --project tests/Liaison.Benchmarks -- <benchmark> [--quick] [--suite international|gm]

    Benchmarks:
      crypto    Seal and open per suite (2 KiB and 1 MiB, per-message and session key exchange,
                with and without the ML-DSA-65 co-signature) next to the raw primitives they use.
                Prints tables, then session_seal_open_us=, per_message_seal_open_us= and,
                last, crypto_overhead_ratio=.
      exchange  2 KiB verification requests from Lao Cai's gateway (broker A) to Yunnan's
                (broker B, through the shovel) until Delivered with a verified receipt, SQLite
                durable, international suite (--suite gm: the GM suite), next to the MassTransit
                floor over the same path.
                Needs the linked brokers of scripts/services.sh (LIAISON_TEST_RABBITMQ, _B,
                LIAISON_TEST_RABBITMQCTL_A, _B). Prints tables, then floor_msgs_per_s=,
                exchange_msgs_per_s=, exchange_p50_ms=, exchange_p99_ms= and, last,
                exchange_ratio_to_floor=.

    Options:
      --quick      Very short batches: checks that everything runs; the numbers are not meaningful.
      --suite gm   exchange only: the link uses the GM suite (SM2, SM3, SM4); international by default.
    """;

var quick = args.Contains("--quick");
var suite = (args.Contains("--suite") ? args.SkipWhile(a => a != "--suite").Skip(1).FirstOrDefault() : "international") switch
{
    "international" => Liaison.Crypto.V1.Suite.InternationalV1,
    "gm" => Liaison.Crypto.V1.Suite.GmV1,
    _ => (Liaison.Crypto.V1.Suite?)null,
};
var rest = args.Where((a, i) => a != "--quick" && a != "--suite" && (i == 0 || args[i - 1] != "--suite")).ToArray();
return (rest, suite) switch
{
    (_, null) => PrintUsage(),
    (["crypto"], _) => CryptoBenchmarks.Run(quick ? HarnessSettings.Quick : HarnessSettings.Full, Console.Out, Console.Error),
    (["exchange"], { } linkSuite) => await ExchangeBenchmarks.RunAsync((quick ? ExchangeSettings.Quick : ExchangeSettings.Full) with { Suite = linkSuite }, Console.Out, Console.Error),
    _ => PrintUsage(),
};

static int PrintUsage()
{
    Console.Error.WriteLine(Usage);
    return 2;
}
