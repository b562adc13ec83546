using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Liaison.Crypto.Envelopes;
using Liaison.Envelope.V1;
using Liaison.Gateway.Protection;
using Liaison.Gateway.Storage;
using Liaison.Gateway.V1;
using Liaison.Testing;
using Xunit.Abstractions;
using StoredState = Liaison.Gateway.Storage.MessageState;

namespace Liaison.Gateway.FaultTests;

/// <summary>
/// Two real gateway processes, Lao Cai's on broker A and Yunnan's on broker B, linked by the
/// brokers' shovels, for one fault test. Holds <see cref="BrokerLink.LockAsync"/> from before
/// the purge of the liaison queues until both processes are gone, since other test projects
/// use the same queues. Lao Cai submits through its gRPC API with client-chosen request ids
/// and retries a failed or unanswered call with the same id, which is the idempotency contract.
/// </summary>
public sealed class FaultExchange : IAsyncDisposable
{
    /// <summary>The deadline for anything to happen: generous, since this machine has two cores and the tests kill things.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>Set (to anything) to keep each test's folder (logs, keys, SQLite stores) for a look afterwards.</summary>
    public const string KeepVariable = "LIAISON_FAULT_TESTS_KEEP";

    private const string MessageType = "verification.request";

    private readonly IAsyncDisposable exclusive;
    private readonly ITestOutputHelper output;
    private readonly string root;
    private readonly string runId;
    private readonly ConcurrentDictionary<string, Guid> accepted = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();

    private FaultExchange(BrokerLink link, IAsyncDisposable exclusive, ITestOutputHelper output, string root, string runId, GatewayProcess laoCai, GatewayProcess yunnan)
    {
        Link = link;
        this.exclusive = exclusive;
        this.output = output;
        this.root = root;
        this.runId = runId;
        LaoCai = laoCai;
        Yunnan = yunnan;
    }

    public BrokerLink Link { get; }

    public GatewayProcess LaoCai { get; }

    public GatewayProcess Yunnan { get; }

    /// <summary>How many submits have been answered (accepted) so far.</summary>
    public int AcceptedCount => accepted.Count;

    /// <summary>Request ids and the envelope ids their submits were answered with.</summary>
    public IReadOnlyDictionary<string, Guid> Accepted => accepted;

    public static async Task<FaultExchange> StartAsync(string scenario, ITestOutputHelper output)
    {
        // The lock first: the fault tests restart brokers while holding it.
        var exclusive = await BrokerLink.LockAsync(TimeSpan.FromMinutes(5));
        var root = Directory.CreateTempSubdirectory($"liaison-fault-{scenario}-").FullName;
        GatewayProcess? laoCai = null;
        GatewayProcess? yunnan = null;
        try
        {
            var link = await RabbitMqServers.LinkAsync();
            await LiaisonTopology.PurgeAsync(link);
            laoCai = Create(FaultParties.LaoCai, link.LaoCai, root);
            yunnan = Create(FaultParties.Yunnan, link.Yunnan, root);
            var runId = scenario + "-" + Guid.CreateVersion7().ToString("N")[^12..];
            var exchange = new FaultExchange(link, exclusive, output, root, runId, laoCai, yunnan);
            await Task.WhenAll(laoCai.StartAsync(), yunnan.StartAsync());
            exchange.Note("both gateways serving");
            return exchange;
        }
        catch
        {
            laoCai?.Dispose();
            yunnan?.Dispose();
            await exclusive.DisposeAsync();
            throw;
        }
    }

    /// <summary>The request id of message <paramref name="index"/> in this run.</summary>
    public string RequestId(int index) => $"{runId}-{index.ToString("D4", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Submits messages <paramref name="from"/> to <paramref name="to"/> (exclusive), <paramref name="concurrency"/>
    /// at a time, each retried with its request id until accepted.
    /// </summary>
    public async Task SubmitAsync(int from, int to, int concurrency = 8)
    {
        var next = from - 1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < to)
            {
                await SubmitOneAsync(index);
            }
        });
        await Task.WhenAll(workers);
        Note($"messages {from}..{to - 1} accepted");
    }

    /// <summary>Waits until at least <paramref name="count"/> submits have been accepted.</summary>
    public Task AcceptedAtLeastAsync(int count) =>
        Polling.UntilAsync(() => AcceptedCount >= count, Deadline, $"{count} submits accepted by Lao Cai (so far {AcceptedCount})");

    /// <summary>Waits until every accepted message is in <paramref name="state"/> on Lao Cai (asked through its API).</summary>
    public async Task AllInStateAsync(Gateway.V1.MessageState state)
    {
        var pending = new HashSet<Guid>(accepted.Values);
        var last = Gateway.V1.MessageState.Unspecified;
        try
        {
            await Polling.UntilAsync(
                async () =>
                {
                    foreach (var id in pending.ToList())
                    {
                        var reply = await LaoCai.Client.GetMessageAsync(new GetMessageRequest { Name = "messages/" + id.ToString("D") }, deadline: DateTime.UtcNow.AddSeconds(10));
                        last = reply.Message.State;
                        if (reply.Message.State == state)
                        {
                            pending.Remove(id);
                        }
                        else
                        {
                            break;
                        }
                    }

                    return pending.Count == 0;
                },
                Deadline,
                $"all {accepted.Count} accepted messages {state} on Lao Cai");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; {pending.Count} are not, one of them ({pending.First()}) is {last}.\n{await QueuesAsync()}\n{InboundHistory()}\n{LaoCai.Problems()}\n{Yunnan.Problems()}\n{Diagnostics()}", e);
        }

        Note($"all {accepted.Count} messages {state}");
    }

    /// <summary>Waits until each side's shovel consumes its outbound queue again (after a broker restart, say).</summary>
    public async Task WaitForShovelsAsync()
    {
        foreach (var node in new[] { FaultParties.LaoCai, FaultParties.Yunnan })
        {
            var queue = LiaisonTopology.OutboundQueue(BrokerLink.PeerOf(node));
            await Polling.UntilAsync(
                async () =>
                {
                    try
                    {
                        return await Link.ConsumerCountAsync(node, queue) > 0;
                    }
                    catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
                    {
                        return false;
                    }
                },
                Deadline,
                $"the shovel on {node}'s broker to consume {queue} again");
        }
    }

    /// <summary>How many messages Yunnan has in its inbox, through its API.</summary>
    public async Task<int> YunnanInboxCountAsync()
    {
        var count = 0;
        var token = "";
        do
        {
            var page = await Yunnan.Client.ListInboxMessagesAsync(new ListInboxMessagesRequest { PageSize = 100, PageToken = token }, deadline: DateTime.UtcNow.AddSeconds(10));
            // The gateways' own cross-witnessing messages are not the test's.
            count += page.Messages.Count(m => !m.MessageType.StartsWith(WitnessingPrefix, StringComparison.Ordinal));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return count;
    }

    /// <summary>Logs a step with the time since the start, to the test output.</summary>
    public void Note(string step) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1} s] {step}");

    /// <summary>The messages ready in each side's inbound, outbound and error queues, and their consumers, for failure messages.</summary>
    public async Task<string> QueuesAsync()
    {
        var sides = new List<string>();
        foreach (var node in new[] { FaultParties.LaoCai, FaultParties.Yunnan })
        {
            var depths = new List<string>();
            foreach (var queue in new[] { LiaisonTopology.InboundQueue, LiaisonTopology.OutboundQueue(BrokerLink.PeerOf(node)), LiaisonTopology.ErrorQueue })
            {
                try
                {
                    depths.Add($"{queue} {await Link.MessageCountAsync(node, queue)} ready, {await Link.ConsumerCountAsync(node, queue)} consumers");
                }
#pragma warning disable CA1031 // Only for a failure message, which an unreachable broker must not replace.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    depths.Add($"{queue} unknown ({e.GetType().Name})");
                }
            }

            sides.Add($"{node}: {string.Join(", ", depths)}");
            try
            {
                // Also the messages a consumer holds unacknowledged, which the counts above leave out (quorum queues refresh them every few seconds).
                sides.Add(await Link.CtlOf(node).RunAsync(["list_queues", "-p", LiaisonTopology.VirtualHost, "name", "messages_ready", "messages_unacknowledged", "consumers"]));
            }
#pragma warning disable CA1031 // As above.
            catch (Exception e)
#pragma warning restore CA1031
            {
                sides.Add($"rabbitmqctl list_queues failed ({e.GetType().Name})");
            }
        }

        return "--- the queues now ---\n" + string.Join('\n', sides);
    }

    /// <summary>When each gateway consumed its inbound queue, and when it stopped (InboundEndpointObserver's lines), for failure messages.</summary>
    public string InboundHistory() =>
        string.Join('\n', new[] { LaoCai, Yunnan }.Select(g => $"--- {g.NodeId}'s inbound queue ---\n" + string.Join('\n', g.Events(InboundEvents))));

    /// <summary>
    /// Waits until <paramref name="gateway"/> has logged the inbound-queue event <paramref name="eventId"/>
    /// and returns its lines; on timeout the message carries both sides' inbound history and queues.
    /// </summary>
    public async Task<IReadOnlyList<string>> UntilInboundEventAsync(GatewayProcess gateway, int eventId, string description)
    {
        try
        {
            return await Polling.UntilAsync(() => Task.FromResult(gateway.Events(eventId)), lines => lines.Count > 0, Deadline, description);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{InboundHistory()}\n{await QueuesAsync()}\n{gateway.Problems()}", e);
        }
    }

    /// <summary>The event ids of InboundEndpointObserver's lines (MessagingLog 2211-2215).</summary>
    public static readonly int[] InboundEvents = [2211, 2212, 2213, 2214, 2215];

    /// <summary>The tails of both gateways' logs, for failure messages.</summary>
    public string Diagnostics() => LaoCai.Tail() + "\n" + Yunnan.Tail();

    /// <summary>
    /// Stops both gateways (SIGTERM), then checks their SQLite stores: every accepted request id
    /// is one outbound message, delivered with a receipt that verifies against the envelope sent;
    /// Yunnan stored each of those envelopes exactly once and nothing else; each audit chain
    /// verifies and records one submit and one delivery (Lao Cai) and one store (Yunnan) per
    /// envelope; no envelope or receipt went to an error queue.
    /// </summary>
    public async Task StopAndVerifyAsync(int expected)
    {
        Assert.Equal(expected, accepted.Count);
        await Task.WhenAll(LaoCai.StopAsync(), Yunnan.StopAsync());
        Note("both gateways stopped");
        var diagnostics = Diagnostics();

        var envelopeIds = accepted.Values.ToHashSet();
        Assert.True(envelopeIds.Count == accepted.Count, $"{accepted.Count} request ids were answered with only {envelopeIds.Count} distinct envelope ids.\n{diagnostics}");

        await using (var laoCai = await OpenStoreAsync(FaultParties.LaoCai))
        {
            var verifier = new ReceiptVerifier(FaultParties.Instance.Agreement, FaultParties.LaoCai, TimeProvider.System);
            foreach (var (requestId, envelopeId) in accepted)
            {
                var record = await laoCai.GetByRequestIdAsync(requestId);
                Assert.True(record is not null, $"Lao Cai has no message for request id {requestId}.\n{diagnostics}");
                Assert.True(record.EnvelopeId == envelopeId, $"Request id {requestId} was answered with {envelopeId} but is stored as {record.EnvelopeId}.\n{diagnostics}");
                Assert.True(record.State == StoredState.Delivered, $"{envelopeId} is {record.State} on Lao Cai, not Delivered.\n{diagnostics}");
                Assert.True(record.ReceiptBytes is not null, $"{envelopeId} is Delivered on Lao Cai without a receipt.\n{diagnostics}");
                var check = verifier.Verify(record.ReceiptBytes.Value.Span, record.EnvelopeBytes.Span);
                Assert.True(check.IsValid && check.Receipt!.Status == ReceiptStatus.Accepted, $"{envelopeId}'s receipt on Lao Cai does not verify as an acceptance: {check.Reason} {check.Detail}");
            }

            var audit = await VerifyAuditAsync(laoCai, FaultParties.LaoCai, diagnostics);
            var witnessing = await WitnessingEnvelopesAsync(laoCai, audit, envelopeIds);
            AssertOncePerEnvelope(audit, AuditEventType.Submitted, envelopeIds, witnessing, FaultParties.LaoCai, diagnostics);
            AssertOncePerEnvelope(audit, AuditEventType.Delivered, envelopeIds, witnessing, FaultParties.LaoCai, diagnostics);
            Note($"Lao Cai: {accepted.Count} delivered with verified receipts, {audit.Count} audit entries intact, "
                + $"{audit.Count(e => e.EventType == AuditEventType.RetryScheduled)} publish retries, {audit.Count(e => e.EventType == AuditEventType.Duplicate)} duplicate receipts");
        }

        await using (var yunnan = await OpenStoreAsync(FaultParties.Yunnan))
        {
            var inbox = new List<MessageRecord>();
            var token = "";
            do
            {
                var page = await yunnan.ListInboxAsync(new InboxQuery(InboxQuery.MaxPageSize, token));
                inbox.AddRange(page.Messages);
                token = page.NextPageToken;
            }
            while (token.Length > 0);

            // The gateways' own cross-witnessing messages (every 30 s) are not the test's.
            inbox.RemoveAll(m => m.MessageType.StartsWith(WitnessingPrefix, StringComparison.Ordinal));
            var stored = inbox.GroupBy(m => m.EnvelopeId).ToList();
            var duplicated = stored.Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(duplicated.Count == 0, $"Yunnan stored {duplicated.Count} envelopes more than once, e.g. {duplicated.FirstOrDefault()}.\n{diagnostics}");
            var lost = envelopeIds.Except(inbox.Select(m => m.EnvelopeId)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} accepted envelopes never reached Yunnan's inbox, e.g. {lost.FirstOrDefault()}.\n{diagnostics}");
            var extra = inbox.Select(m => m.EnvelopeId).Except(envelopeIds).ToList();
            Assert.True(extra.Count == 0, $"Yunnan's inbox has {extra.Count} envelopes nobody submitted, e.g. {extra.FirstOrDefault()}.\n{diagnostics}");
            var notStored = inbox.Where(m => m.State != StoredState.Stored).ToList();
            Assert.True(notStored.Count == 0, $"{notStored.Count} inbound messages on Yunnan are not Stored, e.g. {notStored.FirstOrDefault()?.EnvelopeId} is {notStored.FirstOrDefault()?.State}.\n{diagnostics}");

            var audit = await VerifyAuditAsync(yunnan, FaultParties.Yunnan, diagnostics);
            AssertOncePerEnvelope(audit, AuditEventType.Stored, envelopeIds, await WitnessingEnvelopesAsync(yunnan, audit, envelopeIds), FaultParties.Yunnan, diagnostics);
            Note($"Yunnan: {inbox.Count} stored exactly once, {audit.Count} audit entries intact, "
                + $"{audit.Count(e => e.EventType == AuditEventType.Duplicate)} duplicate envelopes recognised");
        }

        foreach (var (node, broker) in new[] { (FaultParties.LaoCai, Link.LaoCai), (FaultParties.Yunnan, Link.Yunnan) })
        {
            var faults = await QueueDepthAsync(broker, LiaisonTopology.ErrorQueue);
            Assert.True(faults == 0, $"{faults} messages went to {LiaisonTopology.ErrorQueue} on {node}'s broker.\n{diagnostics}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            LaoCai.Dispose();
            Yunnan.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        finally
        {
            await exclusive.DisposeAsync();
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(KeepVariable)))
        {
            output.WriteLine($"kept {root} ({KeepVariable} is set)");
            return;
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; harmless.
        }
    }

    private async Task SubmitOneAsync(int index)
    {
        var requestId = RequestId(index);
        var request = new SubmitMessageRequest
        {
            RequestId = requestId,
            RecipientNode = FaultParties.Yunnan,
            MessageType = MessageType,
            CaseReference = "FAULT-" + index.ToString("D4", CultureInfo.InvariantCulture),
            CorrelationId = requestId,
            Payload = ByteString.CopyFrom(Payload(index)),
        };
        var started = Stopwatch.StartNew();
        var attempts = 0;
        while (true)
        {
            attempts++;
            try
            {
                var reply = await LaoCai.Client.SubmitMessageAsync(request, deadline: DateTime.UtcNow.AddSeconds(10));
                var envelopeId = Guid.Parse(reply.Message.EnvelopeId);
                Assert.True(accepted.TryAdd(requestId, envelopeId), $"request id {requestId} accepted twice by this client");
                return;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled
                or StatusCode.Unknown or StatusCode.Internal or StatusCode.Aborted or StatusCode.ResourceExhausted)
            {
                // Failed or unanswered: it may or may not have been accepted. Retry with the same request id.
                if (started.Elapsed > Deadline)
                {
                    throw new TimeoutException($"Submit {requestId} was not accepted within {Deadline.TotalSeconds} s ({attempts} attempts, last {e.StatusCode}: {e.Status.Detail}).\n{Diagnostics()}", e);
                }

                // A pause between retries, as any client backs off; not a synchronisation.
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    /// <summary>A 2 KiB payload, different for every message; no personal data.</summary>
    private static byte[] Payload(int index)
    {
        var text = new StringBuilder($"{{\"kind\":\"fault-test\",\"index\":{index},\"filler\":\"");
        while (text.Length < 2040)
        {
            text.Append((char)('a' + (text.Length % 26)));
        }

        return Encoding.UTF8.GetBytes(text.Append("\"}").ToString());
    }

    private static GatewayProcess Create(string node, RabbitMqBroker broker, string root) =>
        GatewayProcess.Create(node, broker, Path.Combine(root, node), new Dictionary<string, string>
        {
            // The submitters send flat out from one address; the per-client rate limit is tested
            // in Liaison.Gateway.Tests (RateLimitTests), not here.
            ["Gateway__RateLimit__PermitsPerSecond"] = "100000",
            ["Gateway__RateLimit__Burst"] = "1000000",
        });

    /// <summary>Opens a stopped node's SQLite store through the store API, to read and verify it.</summary>
    // With the key-encryption key the gateway process was given (GatewayProcess.Create): payloads are stored encrypted.
    private async Task<GatewayStore> OpenStoreAsync(string node) =>
        await GatewayStore.OpenAsync(
            new StoreOptions { Provider = StoreProvider.Sqlite, DataDirectory = Path.Combine(root, node, "data") },
            FieldProtection.With(new FixedKeyEncryptionKeys(KeyEncryptionKeyFile.Read(Path.Combine(root, node, "kek")))),
            TimeProvider.System);

    private static async Task<List<AuditEntry>> VerifyAuditAsync(GatewayStore store, string node, string diagnostics)
    {
        var report = await store.VerifyAuditChainAsync();
        Assert.True(report.IsIntact, $"{node}'s audit chain is broken at {report.FirstBadSeq}: {report.Problem}\n{diagnostics}");
        var entries = new List<AuditEntry>();
        while (true)
        {
            var batch = await store.ReadAuditAsync(entries.Count + 1, 1000);
            if (batch.Count == 0)
            {
                break;
            }

            entries.AddRange(batch);
        }

        Assert.Equal(report.EntriesChecked, entries.Count);
        return entries;
    }

    private const string WitnessingPrefix = "audit.";

    /// <summary>
    /// The envelopes in <paramref name="audit"/> that are the gateways' own cross-witnessing messages
    /// (audit.checkpoint, audit.cosignature, sent every 30 s), which a longer test run sees too.
    /// </summary>
    private static async Task<HashSet<Guid>> WitnessingEnvelopesAsync(GatewayStore store, List<AuditEntry> audit, HashSet<Guid> envelopeIds)
    {
        var witnessing = new HashSet<Guid>();
        foreach (var id in audit.Where(e => e.EnvelopeId is { } id && !envelopeIds.Contains(id)).Select(e => e.EnvelopeId!.Value).Distinct())
        {
            if ((await store.GetMetadataAsync(id))?.MessageType.StartsWith(WitnessingPrefix, StringComparison.Ordinal) == true)
            {
                witnessing.Add(id);
            }
        }

        return witnessing;
    }

    private static void AssertOncePerEnvelope(List<AuditEntry> audit, AuditEventType type, HashSet<Guid> envelopeIds, HashSet<Guid> witnessing, string node, string diagnostics)
    {
        var counts = audit.Where(e => e.EventType == type && e.EnvelopeId is not null).GroupBy(e => e.EnvelopeId!.Value).ToDictionary(g => g.Key, g => g.Count());
        var wrong = envelopeIds.Where(id => counts.GetValueOrDefault(id) != 1).ToList();
        Assert.True(wrong.Count == 0, $"{node}'s audit does not record exactly one {type} for {wrong.Count} envelopes, e.g. {wrong.FirstOrDefault()} ({counts.GetValueOrDefault(wrong.FirstOrDefault())} times).\n{diagnostics}");
        var strangers = counts.Keys.Except(envelopeIds).Except(witnessing).ToList();
        Assert.True(strangers.Count == 0, $"{node}'s audit records {type} for {strangers.Count} envelopes nobody submitted.\n{diagnostics}");
    }

    private static async Task<uint> QueueDepthAsync(RabbitMqBroker broker, string queue)
    {
        var connection = await broker.ConnectAsync("liaison-fault-tests: queue depth");
        await using (connection)
        {
            var channel = await connection.CreateChannelAsync();
            await using (channel)
            {
                return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
            }
        }
    }
}
