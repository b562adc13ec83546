using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.V1;
using Liaison.Gateway.Messaging;
using Liaison.Gateway.Storage;
using Liaison.Testing;
using static System.FormattableString;

namespace Liaison.Benchmarks.Exchange;

/// <summary>How much the exchange run sends.</summary>
/// <param name="WarmUp">Messages sent and drained before each measured phase (JIT, connections, the first session key exchange).</param>
/// <param name="Messages">Messages in each measured phase.</param>
/// <param name="InFlight">The most calls outstanding at the sender: submits not yet committed, sends not yet confirmed.</param>
/// <param name="Rounds">
/// Floor and gateway phases alternate this many times; the median round of each is reported, and
/// the ratio is the median of the rounds' own ratios (see <see cref="ExchangeReport"/>).
/// </param>
internal sealed record ExchangeSettings(int WarmUp, int Messages, int InFlight, int Rounds, int PayloadBytes)
{
    /// <summary>The link's suite: international by default, GM (SM2/SM3/SM4) with <c>--suite gm</c>.</summary>
    public Suite Suite { get; init; } = Suite.InternationalV1;

    public static readonly ExchangeSettings Full = new(2000, 5000, 256, 5, 2048);

    /// <summary>A smoke run that checks the wiring, not the numbers.</summary>
    public static readonly ExchangeSettings Quick = new(50, 300, 64, 1, 2048);

    public static readonly TimeSpan PhaseTimeout = TimeSpan.FromMinutes(2);
}

/// <summary>
/// The <c>exchange</c> run: 2 KiB verification requests from Lao Cai's gateway (broker A) to
/// Yunnan's (broker B, through the shovel), with verified receipts back, over the real brokers
/// of scripts/services.sh, next to the MassTransit floor over the same path, in the same run.
/// Holds the broker-link lock throughout (the test suites use the same queues) and purges
/// the queues before each phase.
/// </summary>
internal static class ExchangeBenchmarks
{
    public static async Task<int> RunAsync(ExchangeSettings settings, TextWriter output, TextWriter progress)
    {
        BrokerLink link;
        try
        {
            link = await RabbitMqServers.LinkAsync();
        }
        catch (TestServiceUnavailableException e)
        {
            await progress.WriteLineAsync("The exchange benchmark needs the two linked RabbitMQ brokers (LIAISON_TEST_RABBITMQ, LIAISON_TEST_RABBITMQ_B, "
                + "LIAISON_TEST_RABBITMQCTL_A/_B; `. /var/tmp/liaison-services/env.sh` after ./scripts/services.sh).\n" + e.Message);
            return 1;
        }

        progress.WriteLine("Waiting for exclusive use of the linked brokers' queues (BrokerLink lock)");
        await using var exclusive = await BrokerLink.LockAsync(TimeSpan.FromMinutes(10));
        var exchange = EnvelopeExchange.Create(settings.Suite, coSigned: false);
        var envelope = exchange.Sealer(KeyExchangeMode.Session).Seal(new SealRequest(EnvelopeExchange.RecipientNode, EnvelopeExchange.MessageType, Payload("floor", settings.PayloadBytes))
        {
            CaseReference = "LC-2026-0042",
            Sequence = 1,
        }).Bytes;

        var floors = new List<FloorPhase>();
        var gateways = new List<GatewayPhase>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            progress.WriteLine(Invariant($"Round {round}/{settings.Rounds}"));
            floors.Add(await FloorAsync(link, settings, envelope, progress));
            gateways.Add(await GatewayAsync(link, exchange, settings, round, progress));
        }

        ExchangeReport.Write(output, settings, envelope.Length, floors, gateways);
        return 0;
    }

    /// <summary>A distinct, deterministic payload of exactly <paramref name="bytes"/> UTF-8 bytes, shaped like a verification request.</summary>
    public static byte[] Payload(string requestId, int bytes)
    {
        // ASCII only, so one character is one byte and the padding is computed, not searched for.
        var prefix = Invariant($"{{\"request\":\"{requestId}\",\"kind\":\"identity-verification\",\"document\":\"C1234567\",\"notes\":\"");
        const string Suffix = "\"}";
        return Encoding.ASCII.GetBytes(prefix + new string('x', Math.Max(0, bytes - prefix.Length - Suffix.Length)) + Suffix);
    }

    private static async Task<FloorPhase> FloorAsync(BrokerLink link, ExchangeSettings settings, byte[] envelope, TextWriter progress)
    {
        await LiaisonTopology.PurgeAsync(link);
        using var probe = new LoadProbe(settings.InFlight);
        await using var floor = await FloorRun.StartAsync(link, probe);
        await probe.RunAsync("floor warm-up", settings.WarmUp, _ => floor.SendAsync(envelope), ExchangeSettings.PhaseTimeout);
        var before = ProcessLoad.Now();
        var result = await probe.RunAsync("MassTransit floor", settings.Messages, _ => floor.SendAsync(envelope), ExchangeSettings.PhaseTimeout);
        var load = ProcessLoad.Now() - before;
        progress.WriteLine(Invariant($"  floor:   {result.MessagesPerSecond,8:F0} msg/s, p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms"));
        return new FloorPhase(result, load);
    }

    private static async Task<GatewayPhase> GatewayAsync(BrokerLink link, EnvelopeExchange exchange, ExchangeSettings settings, int round, TextWriter progress)
    {
        await LiaisonTopology.PurgeAsync(link);
        using var probe = new LoadProbe(settings.InFlight);
        await using var gateways = await GatewayRun.StartAsync(link, exchange, probe);
        var payloads = Enumerable.Range(0, settings.WarmUp + settings.Messages).Select(i => Payload(Invariant($"bench-{round}-{i:D5}"), settings.PayloadBytes)).ToArray();
        await probe.RunAsync("gateway warm-up", settings.WarmUp, i => gateways.SubmitAsync(Invariant($"bench-{round}-{i:D5}"), payloads[i]), ExchangeSettings.PhaseTimeout);
        var before = gateways.Commits();
        var busyBefore = gateways.WriterBusy();
        var timeBefore = gateways.WriterTime();
        var checkpointsBefore = gateways.WalCheckpoints();
        var loadBefore = ProcessLoad.Now();
        var result = await probe.RunAsync("gateway exchange", settings.Messages,
            i => gateways.SubmitAsync(Invariant($"bench-{round}-{settings.WarmUp + i:D5}"), payloads[settings.WarmUp + i]), ExchangeSettings.PhaseTimeout);
        var load = ProcessLoad.Now() - loadBefore;
        var after = gateways.Commits();
        var busyAfter = gateways.WriterBusy();
        var timeAfter = gateways.WriterTime();
        var checkpointsAfter = gateways.WalCheckpoints();
        var missing = await gateways.NotDeliveredAsync(result.Ids);
        if (missing > 0)
        {
            throw new InvalidOperationException($"{missing} of {result.Messages} messages were reported finished but are not Delivered on Lao Cai's store.");
        }

        var stages = await gateways.StagesAsync(result.Ids.ToList());
        progress.WriteLine(Invariant($"  gateway: {result.MessagesPerSecond,8:F0} msg/s, p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms"));
        return new GatewayPhase(result, after.LaoCai - before.LaoCai, after.Yunnan - before.Yunnan, busyAfter.LaoCai - busyBefore.LaoCai, busyAfter.Yunnan - busyBefore.Yunnan, load, stages)
        {
            LaoCaiWriterTime = Subtract(timeAfter.LaoCai, timeBefore.LaoCai),
            YunnanWriterTime = Subtract(timeAfter.Yunnan, timeBefore.Yunnan),
            LaoCaiCheckpoints = (checkpointsAfter.LaoCai.Background - checkpointsBefore.LaoCai.Background, checkpointsAfter.LaoCai.ByWriter - checkpointsBefore.LaoCai.ByWriter),
            YunnanCheckpoints = (checkpointsAfter.Yunnan.Background - checkpointsBefore.Yunnan.Background, checkpointsAfter.Yunnan.ByWriter - checkpointsBefore.Yunnan.ByWriter),
        };
    }

    private static IReadOnlyList<StoreWriterTime> Subtract(IReadOnlyList<StoreWriterTime> after, IReadOnlyList<StoreWriterTime> before) =>
        [.. after.Select(a => before.FirstOrDefault(b => b.Phase == a.Phase) is { } b ? a - b : a)];
}

/// <summary>A floor phase with what the process spent (its bus's sends and consumes; the brokers are other processes).</summary>
internal sealed record FloorPhase(PhaseResult Result, ProcessLoad Load);

/// <summary>A gateway phase with its counters: write transactions per side, where each writer's time went, and what the process spent.</summary>
internal sealed record GatewayPhase(PhaseResult Result, long LaoCaiCommits, long YunnanCommits, TimeSpan LaoCaiWriterBusy, TimeSpan YunnanWriterBusy, ProcessLoad Load, IReadOnlyList<(string Stage, double P50Ms, double P99Ms)> Stages)
{
    public IReadOnlyList<StoreWriterTime> LaoCaiWriterTime { get; init; } = [];

    public IReadOnlyList<StoreWriterTime> YunnanWriterTime { get; init; } = [];

    public (long Background, long ByWriter) LaoCaiCheckpoints { get; init; }

    public (long Background, long ByWriter) YunnanCheckpoints { get; init; }
}

/// <summary>The exchange run's report: environment, the table, the counters, then the key=value lines, the ratio last.</summary>
internal static class ExchangeReport
{
    public static void Write(TextWriter output, ExchangeSettings settings, int envelopeBytes, IReadOnlyList<FloorPhase> floorPhases, IReadOnlyList<GatewayPhase> gateways)
    {
        var optimized = typeof(ExchangeReport).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        output.WriteLine();
        output.WriteLine("Liaison exchange benchmark");
        output.WriteLine(Invariant($"  runtime     {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical CPUs"));
        output.WriteLine(Invariant($"  build       {(optimized ? "optimised (Release)" : "NOT OPTIMISED (Debug): numbers are meaningless")}, GC {(GCSettings.IsServerGC ? "server" : "workstation")}"));
        output.WriteLine("  path        broker A exchange:liaison.outbound.cn-yunnan -> quorum queue -> shovel (on-confirm) -> broker B liaison.inbound (quorum)");
        output.WriteLine(Invariant($"  messages    {settings.PayloadBytes} B payload; sealed envelope {envelopeBytes} B ({(settings.Suite == Suite.GmV1 ? "GM" : "international")} suite, session key exchange)"));
        output.WriteLine(Invariant($"  load        {settings.InFlight} in flight at the sender (submits awaiting commit / sends awaiting confirm); {settings.WarmUp} warm-up + {settings.Messages} measured per phase;"));
        output.WriteLine(Invariant($"              {settings.Rounds} rounds, floor and gateway alternating; the median round (by throughput) of each is reported;"));
        output.WriteLine("              the ratio is the median of the rounds' ratios (each gateway phase over the floor phase just before it)");
        output.WriteLine("  gateway     submit (seal, SQLite synchronous=FULL group commit) -> Delivered: the verified receipt recorded on Lao Cai's store");
        output.WriteLine("  floor       MassTransit send (persistent, mandatory, publisher confirm) -> plain consumer on B; same bytes, no crypto, no store");
        output.WriteLine();

        var floors = floorPhases.Select(f => f.Result).ToList();
        // Paired by round: the machine's speed drifts over minutes (other tenants, the brokers'
        // own housekeeping), and a gateway phase and the floor phase just before it see the same drift.
        var ratios = floors.Select((f, i) => gateways[i].Result.MessagesPerSecond / f.MessagesPerSecond).ToList();
        // CPU per message of this process in each phase (the floor's bus, or both gateways; brokers not counted).
        var table = new TextTable(("Path", false), ("Round", true), ("Messages", true), ("msg/s", true), ("p50 ms", true), ("p99 ms", true), ("CPU us/msg", true), ("to floor", true));
        for (var i = 0; i < floors.Count; i++)
        {
            Row(table, floors[i], floorPhases[i].Load, i + 1, "");
            Row(table, gateways[i].Result, gateways[i].Load, i + 1, Invariant($"{ratios[i]:F2}"));
        }

        table.Write(output);
        output.WriteLine();

        var floor = Median(floors);
        var gateway = Median(gateways.Select(g => g.Result).ToList());
        var counters = gateways.Single(g => g.Result == gateway);
        var summary = new TextTable(("Median round", false), ("msg/s", true), ("p50 ms", true), ("p99 ms", true));
        summary.Add("MassTransit floor", Rate(floor), Ms(floor.P50Ms), Ms(floor.P99Ms));
        summary.Add("gateway exchange", Rate(gateway), Ms(gateway.P50Ms), Ms(gateway.P99Ms));
        summary.Write(output);
        output.WriteLine();
        output.WriteLine(Invariant($"Gateway counters (median round, {gateway.Messages} messages):"));
        output.WriteLine(Invariant($"  Lao Cai store: {counters.LaoCaiCommits} write transactions ({PerCommit(gateway.Messages, counters.LaoCaiCommits)} messages each; a message is 2 writes + its share of claims and confirms)"));
        output.WriteLine(Invariant($"  Yunnan store:  {counters.YunnanCommits} write transactions ({PerCommit(gateway.Messages, counters.YunnanCommits)} messages each; a message is 1 write + its share of claims and confirms)"));
        output.WriteLine(Invariant($"  store writers: busy {Share(counters.LaoCaiWriterBusy, gateway)} of the wall on Lao Cai, {Share(counters.YunnanWriterBusy, gateway)} on Yunnan (running and committing transactions, fsyncs included)"));
        WriterTime(output, "Lao Cai", counters.LaoCaiWriterTime, gateway);
        WriterTime(output, "Yunnan", counters.YunnanWriterTime, gateway);
        output.WriteLine(Invariant($"  WAL checkpoints: Lao Cai {counters.LaoCaiCheckpoints.Background} beside the writer, {counters.LaoCaiCheckpoints.ByWriter} by it; Yunnan {counters.YunnanCheckpoints.Background} and {counters.YunnanCheckpoints.ByWriter}"));
        Spent(output, "process", counters.Load, gateway, "both gateways");
        Spent(output, "floor", floorPhases.Single(f => f.Result == floor).Load, floor, "its bus's send and consume; brokers not counted");
        output.WriteLine();
        output.WriteLine("Gateway stages (median round; from the audit trails' append times, ms resolution):");
        var stages = new TextTable(("Stage", false), ("p50 ms", true), ("p99 ms", true));
        foreach (var (stage, p50, p99) in counters.Stages)
        {
            stages.Add(stage, Ms(p50), Ms(p99));
        }

        stages.Write(output);
        output.WriteLine();
        output.WriteLine(Invariant($"floor_msgs_per_s={floor.MessagesPerSecond:F0}"));
        output.WriteLine(Invariant($"exchange_msgs_per_s={gateway.MessagesPerSecond:F0}"));
        output.WriteLine(Invariant($"exchange_p50_ms={gateway.P50Ms:F1}"));
        output.WriteLine(Invariant($"exchange_p99_ms={gateway.P99Ms:F1}"));
        output.WriteLine(Invariant($"exchange_ratio_to_floor={ratios.Order().ElementAt(ratios.Count / 2):F2}"));
    }

    private static void Spent(TextWriter output, string who, ProcessLoad load, PhaseResult phase, string scope)
    {
        var n = (double)phase.Messages;
        output.WriteLine(Invariant($"  {who + " CPU:",-14} {load.Cpu.TotalSeconds:F1} s over {phase.Elapsed.TotalSeconds:F1} s wall ({load.Cpu.TotalMilliseconds * 1000 / n:F0} us per message, {scope})"));
        output.WriteLine(Invariant($"  {who + " memory:",-14} {load.AllocatedBytes / n / 1024:F1} KiB allocated per message; collections gen0 {load.Gen0}, gen1 {load.Gen1}, gen2 {load.Gen2}, paused {load.GcPauses.TotalSeconds / phase.Elapsed.TotalSeconds * 100:F0} % of the wall; {load.StorageWrittenBytes / n / 1024:F1} KiB written to storage per message"));
    }

    /// <summary>One writer's busy time per message, by phase (wall time: waiting for a core or the disk included).</summary>
    private static void WriterTime(TextWriter output, string side, IReadOnlyList<StoreWriterTime> time, PhaseResult phase)
    {
        var parts = time.Where(t => t.Elapsed > TimeSpan.Zero)
            .OrderByDescending(t => t.Elapsed)
            .Select(t => Invariant($"{PhaseName(t.Phase)} {t.Elapsed.TotalMilliseconds * 1000 / phase.Messages:F0}"));
        output.WriteLine(Invariant($"  {side + " writer:",-14} us per message: {string.Join(", ", parts)}"));
    }

    private static string PhaseName(StoreWriterPhase phase) => phase switch
    {
        StoreWriterPhase.OutboxClaim => "outbox claim",
        StoreWriterPhase.OutboxConfirm => "outbox confirm",
        StoreWriterPhase.BatchEnd => "batch end (receipts signed, audit rows written)",
        _ => phase.ToString().ToLowerInvariant(),
    };

    private static string Share(TimeSpan busy, PhaseResult phase) => Invariant($"{busy.TotalSeconds / phase.Elapsed.TotalSeconds * 100:F0} %");

    private static void Row(TextTable table, PhaseResult result, ProcessLoad load, int round, string ratio) =>
        table.Add(result.Name, Invariant($"{round}"), Invariant($"{result.Messages}"), Rate(result), Ms(result.P50Ms), Ms(result.P99Ms),
            Invariant($"{load.Cpu.TotalMilliseconds * 1000 / result.Messages:F0}"), ratio);

    private static PhaseResult Median(List<PhaseResult> results) => results.OrderBy(r => r.MessagesPerSecond).ElementAt(results.Count / 2);

    private static string Rate(PhaseResult result) => Invariant($"{result.MessagesPerSecond:F0}");

    private static string Ms(double ms) => Invariant($"{ms:F1}");

    private static string PerCommit(int messages, long commits) => commits == 0 ? "-" : Invariant($"{(double)messages / commits:F1}");
}
