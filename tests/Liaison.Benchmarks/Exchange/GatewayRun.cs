using Liaison.Gateway.Exchange;
using Liaison.Gateway.Messaging;
using Liaison.Gateway.Messaging.Contracts;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Tests.Messaging;
using Liaison.Testing;
using MassTransit;

namespace Liaison.Benchmarks.Exchange;

/// <summary>
/// The two gateways: Lao Cai's core on broker A submits through its <see cref="MessageSubmitter"/>;
/// Yunnan's core on broker B opens, stores and receipts; a message finishes when Lao Cai's
/// receipt consumer has recorded the verified receipt (committed: the message is Delivered).
/// That moment is heard from MassTransit's consume observer on Lao Cai's bus, after the
/// consumer returned, keyed by the correlation id the gateway sets to the envelope id.
/// </summary>
internal sealed class GatewayRun : IAsyncDisposable
{
    private readonly GatewayCore laoCai;
    private readonly GatewayCore yunnan;
    private readonly ConnectHandle[] observers;

    private GatewayRun(GatewayCore laoCai, GatewayCore yunnan, ConnectHandle[] observers)
    {
        this.laoCai = laoCai;
        this.yunnan = yunnan;
        this.observers = observers;
    }

    public GatewayCore LaoCai => laoCai;

    public GatewayCore Yunnan => yunnan;

    public static async Task<GatewayRun> StartAsync(BrokerLink link, EnvelopeExchange exchange, LoadProbe probe)
    {
        var laoCai = await GatewayCore.StartAsync(exchange.Agreement, exchange.SenderKeys, link.LaoCai.Uri);
        GatewayCore? yunnan = null;
        try
        {
            yunnan = await GatewayCore.StartAsync(exchange.Agreement, exchange.RecipientKeys, link.Yunnan.Uri);
            var observer = new DeliveredObserver(probe);
            var handles = new[] { laoCai.Bus.ConnectConsumeMessageObserver<ReceiptTransferred>(observer), laoCai.Bus.ConnectConsumeMessageObserver<ReceiptsTransferred>(observer) };
            return new GatewayRun(laoCai, yunnan, handles);
        }
        catch
        {
            if (yunnan is not null)
            {
                await yunnan.DisposeAsync();
            }

            await laoCai.DisposeAsync();
            throw;
        }
    }

    /// <summary>Submits one verification request; completes once it is committed, with its envelope id.</summary>
    public async Task<Guid> SubmitAsync(string requestId, byte[] payload)
    {
        var result = await laoCai.Submitter.SubmitAsync(new SubmitRequest(requestId, EnvelopeExchange.RecipientNode, EnvelopeExchange.MessageType, payload)
        {
            CaseReference = "LC-2026-0042",
            CorrelationId = "corr-" + requestId,
        });
        return result.Message.EnvelopeId;
    }

    /// <summary>Write transactions committed so far by each side's store (group commit: fewer than the writes).</summary>
    public (long LaoCai, long Yunnan) Commits() => (CommitsOf(laoCai), CommitsOf(yunnan));

    /// <summary>How long each side's single store writer has been busy (see <see cref="GatewayStore.WriterBusyTime"/>).</summary>
    public (TimeSpan LaoCai, TimeSpan Yunnan) WriterBusy() => (BusyOf(laoCai), BusyOf(yunnan));

    /// <summary>Where each side's writer spent its busy time so far (see <see cref="GatewayStore.WriterTime"/>).</summary>
    public (IReadOnlyList<StoreWriterTime> LaoCai, IReadOnlyList<StoreWriterTime> Yunnan) WriterTime() => (TimeOf(laoCai), TimeOf(yunnan));

    /// <summary>Each side's SQLite WAL checkpoints so far: beside the writer, and by the writer itself.</summary>
    public ((long Background, long ByWriter) LaoCai, (long Background, long ByWriter) Yunnan) WalCheckpoints() => (CheckpointsOf(laoCai), CheckpointsOf(yunnan));

    /// <summary>How many of <paramref name="ids"/> are not Delivered on Lao Cai's store.</summary>
    public async Task<int> NotDeliveredAsync(IEnumerable<Guid> ids)
    {
        var missing = 0;
        foreach (var id in ids)
        {
            missing += (await laoCai.Store.GetAsync(id))?.State == MessageState.Delivered ? 0 : 1;
        }

        return missing;
    }

    /// <summary>
    /// Where the time goes: from both audit trails (times of the appends, to the millisecond),
    /// each stage's median and 99th percentile over <paramref name="ids"/>.
    /// </summary>
    public async Task<IReadOnlyList<(string Stage, double P50Ms, double P99Ms)>> StagesAsync(IReadOnlyCollection<Guid> ids)
    {
        var wanted = ids.ToHashSet();
        static Dictionary<(Guid, AuditEventType), DateTimeOffset> Index(IEnumerable<AuditEntry> entries, HashSet<Guid> wanted) =>
            entries.Where(e => e.EnvelopeId is { } id && wanted.Contains(id))
                .GroupBy(e => (e.EnvelopeId!.Value, e.EventType))
                .ToDictionary(g => g.Key, g => g.Min(e => e.RecordedAt));
        var a = Index(await laoCai.Store.ReadAuditAsync(1, 1_000_000), wanted);
        var b = Index(await yunnan.Store.ReadAuditAsync(1, 1_000_000), wanted);
        (string, Dictionary<(Guid, AuditEventType), DateTimeOffset>, AuditEventType, Dictionary<(Guid, AuditEventType), DateTimeOffset>, AuditEventType)[] stages =
        [
            ("A: submitted -> envelope publish confirmed", a, AuditEventType.Submitted, a, AuditEventType.Published),
            ("A published -> B received (shovel, B consume, open)", a, AuditEventType.Published, b, AuditEventType.Received),
            ("B: received -> receipt publish confirmed", b, AuditEventType.Received, b, AuditEventType.Published),
            ("B published -> A receipt recorded (shovel, A consume, verify)", b, AuditEventType.Published, a, AuditEventType.ReceiptReceived),
        ];
        var result = new List<(string, double, double)>();
        foreach (var (name, from, fromType, to, toType) in stages)
        {
            var spans = wanted
                .Where(id => from.ContainsKey((id, fromType)) && to.ContainsKey((id, toType)))
                .Select(id => (to[(id, toType)] - from[(id, fromType)]).TotalMilliseconds)
                .Order()
                .ToArray();
            result.Add(spans.Length == 0 ? (name, double.NaN, double.NaN) : (name, spans[spans.Length / 2], spans[(int)Math.Ceiling(0.99 * spans.Length) - 1]));
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var observer in observers)
        {
            observer.Disconnect();
        }

        await laoCai.DisposeAsync();
        await yunnan.DisposeAsync();
    }

    private static long CommitsOf(GatewayCore core) => core.Store is GatewayStore store ? store.CommittedWriteTransactions : 0;

    private static TimeSpan BusyOf(GatewayCore core) => core.Store is GatewayStore store ? store.WriterBusyTime : TimeSpan.Zero;

    private static (long, long) CheckpointsOf(GatewayCore core) => core.Store is GatewayStore store ? store.WalCheckpoints : (0, 0);

    private static IReadOnlyList<StoreWriterTime> TimeOf(GatewayCore core) => core.Store is GatewayStore store ? store.WriterTime() : [];

    /// <summary>Hears receipts recorded, one at a time or in frames (whose items are all recorded once the frame's consumer returned).</summary>
    private sealed class DeliveredObserver(LoadProbe probe) : IConsumeMessageObserver<ReceiptTransferred>, IConsumeMessageObserver<ReceiptsTransferred>
    {
        public Task PreConsume(ConsumeContext<ReceiptTransferred> context) => Task.CompletedTask;

        public Task PostConsume(ConsumeContext<ReceiptTransferred> context)
        {
            Finished(context.Message.Receipt);
            return Task.CompletedTask;
        }

        public Task ConsumeFault(ConsumeContext<ReceiptTransferred> context, Exception exception) => Task.CompletedTask;

        public Task PreConsume(ConsumeContext<ReceiptsTransferred> context) => Task.CompletedTask;

        public Task PostConsume(ConsumeContext<ReceiptsTransferred> context)
        {
            foreach (var receipt in context.Message.Receipts)
            {
                Finished(receipt);
            }

            return Task.CompletedTask;
        }

        public Task ConsumeFault(ConsumeContext<ReceiptsTransferred> context, Exception exception) => Task.CompletedTask;

        private void Finished(byte[] receipt)
        {
            if (ReceiptEnvelopeId.TryRead(receipt) is { } envelopeId)
            {
                probe.Finished(envelopeId);
            }
        }
    }
}
