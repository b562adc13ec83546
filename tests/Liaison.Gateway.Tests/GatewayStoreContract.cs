using Liaison.Crypto.Envelopes;
using Liaison.Envelope.V1;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Tests;

/// <summary>
/// The one store test suite. Every provider runs all of it, against a real
/// database of its own per test (see <see cref="StoreBackend"/>). The parts live in
/// GatewayStoreContract.*.cs by topic.
/// </summary>
public abstract partial class GatewayStoreContract(StoreBackend backend) : IAsyncLifetime
{
    private readonly List<GatewayStore> opened = [];
    private StoreOptions? options;

    protected TestParties Parties { get; } = new();

    protected StoreBackend Backend => backend;

    protected StoreOptions Options => options ?? throw new InvalidOperationException("The test's database is not created yet.");

    public async Task InitializeAsync() => options = await backend.NewDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var store in opened)
        {
            await store.DisposeAsync();
        }
    }

    /// <summary>Opens (or reopens) the test's database.</summary>
    protected async Task<GatewayStore> OpenAsync(int maxBatchSize = 256)
    {
        var store = await GatewayStore.OpenAsync(
            new StoreOptions
            {
                Provider = Options.Provider,
                DataDirectory = Options.DataDirectory,
                ConnectionString = Options.ConnectionString,
                Schema = Options.Schema,
                MaxBatchSize = maxBatchSize,
            },
            Parties.Time);
        opened.Add(store);
        return store;
    }

    /// <summary>Submits a 2 KiB message from Lao Cai, sealed by the real sealer.</summary>
    protected Task<SubmitResult> SubmitAsync(IGatewayStore store, string requestId, string peer = TestParties.Yunnan, TimeSpan? lifetime = null, int seed = 1)
    {
        var payload = TestParties.Payload(2048, seed);
        var submission = TestParties.Submission(requestId, payload, peer);
        return store.SubmitAsync(submission, Parties.SealFor(submission, payload, lifetime));
    }

    protected static async Task<List<AuditEventType>> AuditTypesAsync(IGatewayStore store, Guid? envelopeId = null) =>
        (await store.ReadAuditAsync(1, 10_000))
            .Where(e => envelopeId is null || e.EnvelopeId == envelopeId)
            .Select(e => e.EventType)
            .ToList();

    protected static EnvelopeHeader HeaderOf(ReadOnlyMemory<byte> envelope) =>
        EnvelopeHeader.Parser.ParseFrom(SealedEnvelope.Parser.ParseFrom(envelope.Span).Header);

    /// <summary>
    /// Holds the single writer inside the seal delegate of a first submit, so that
    /// writes queued meanwhile are certain to form the next batch together. Set the
    /// returned event to let it go.
    /// </summary>
    protected async Task<(Task<SubmitResult> Held, ManualResetEventSlim Release)> HoldWriterAsync(IGatewayStore store)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new ManualResetEventSlim();
        var payload = TestParties.Payload(64, 0);
        var submission = TestParties.Submission("held", payload);
        var seal = Parties.SealFor(submission, payload);
        var calls = 0;
        var held = store.SubmitAsync(submission, sequence =>
        {
            // The store seals ahead, on this thread, before it queues the submit; a seal that fails
            // there is done again by the writer, in the transaction, and that one is held.
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("Not ahead: hold the writer itself.");
            }

            started.SetResult();
            // A safety net so that a failing test cannot hang the writer, not a synchronisation delay.
            release.Wait(TimeSpan.FromMinutes(1));
            return seal(sequence);
        });
        await started.Task;
        return (held, release);
    }

    /// <summary>A seal delegate that fails, as the real sealer does for a message the agreement forbids.</summary>
    protected static Func<ulong, SealResult> FailingSeal() =>
        _ => throw new EnvelopeSealException("The link does not allow this message type.");
}
