using Liaison.Crypto.Envelopes;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Tests;

public abstract partial class GatewayStoreContract
{
    [Fact]
    public async Task ConcurrentWritesAreCommittedTogetherInOneTransaction()
    {
        var store = await OpenAsync();
        var (held, release) = await HoldWriterAsync(store);
        Task<SubmitResult>[] queued;
        try
        {
            queued = Enumerable.Range(0, 20).Select(i => SubmitAsync(store, $"req-{i}", seed: i)).ToArray();
            Assert.All(queued, t => Assert.False(t.IsCompleted));
        }
        finally
        {
            release.Set();
        }

        await held;
        var results = await Task.WhenAll(queued);

        // The held write alone, then the twenty queued behind it in a single transaction.
        Assert.Equal(2, store.CommittedWriteTransactions);
        Assert.Equal(Enumerable.Range(2, 20).Select(n => (ulong)n), results.Select(r => r.Message.Sequence));
        Assert.True((await store.VerifyAuditChainAsync()).IsIntact);
    }

    [Fact]
    public async Task TheWriterAccountsItsTimeToEachKindOfWriteAndToEveryBatchEndAndCommit()
    {
        var store = await OpenAsync();
        var before = store.WriterTime();
        await Task.WhenAll(SubmitAsync(store, "a", seed: 1), SubmitAsync(store, "b", seed: 2));
        var due = await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow());
        await store.MarkPublishedAsync([due[0].Id], Parties.Time.GetUtcNow());

        var spent = store.WriterTime().ToDictionary(t => t.Phase, t => t - before.Single(b => b.Phase == t.Phase));
        Assert.Equal(Enum.GetValues<StoreWriterPhase>().Order(), spent.Keys.Order());
        Assert.Equal(2, spent[StoreWriterPhase.Submit].Count);
        Assert.Equal(1, spent[StoreWriterPhase.OutboxClaim].Count);
        Assert.Equal(1, spent[StoreWriterPhase.OutboxConfirm].Count);
        Assert.Equal(0, spent[StoreWriterPhase.Receipt].Count + spent[StoreWriterPhase.Inbound].Count + spent[StoreWriterPhase.Other].Count);
        // Every transaction ends and commits once, however many writes it held.
        var transactions = store.CommittedWriteTransactions;
        Assert.InRange(transactions, 3, 4);
        Assert.Equal(transactions, spent[StoreWriterPhase.BatchEnd].Count);
        Assert.Equal(transactions, spent[StoreWriterPhase.Commit].Count);
        Assert.All(spent.Values.Where(t => t.Count > 0), t => Assert.True(t.Elapsed > TimeSpan.Zero, $"{t.Phase} ran {t.Count} times in no time"));
        // Phases of the writer's busy time, not more than it.
        Assert.True(spent.Values.Sum(t => t.Elapsed.Ticks) <= store.WriterBusyTime.Ticks);
    }

    [Fact]
    public async Task AFailingWriteInABatchFailsAloneAndTheOthersCommit()
    {
        var store = await OpenAsync();
        await SubmitAsync(store, "taken", seed: 100);
        var committedBefore = store.CommittedWriteTransactions;
        var (held, release) = await HoldWriterAsync(store);
        Task<SubmitResult>[] good;
        Task<SubmitResult> sealFails;
        Task<SubmitResult> conflicts;
        try
        {
            good = [SubmitAsync(store, "a", seed: 1), SubmitAsync(store, "b", seed: 2)];
            sealFails = store.SubmitAsync(TestParties.Submission("c", [1]), FailingSeal());
            conflicts = SubmitAsync(store, "taken", seed: 101);
            good = [.. good, SubmitAsync(store, "d", seed: 4)];
        }
        finally
        {
            release.Set();
        }

        await held;
        await Assert.ThrowsAsync<EnvelopeSealException>(() => sealFails);
        await Assert.ThrowsAsync<RequestIdConflictException>(() => conflicts);
        var results = await Task.WhenAll(good);

        // The batch failed as a whole, then ran again one write per transaction.
        Assert.Equal(committedBefore + 1 + good.Length, store.CommittedWriteTransactions);
        Assert.Equal([3UL, 4UL, 5UL], results.Select(r => r.Message.Sequence));
        Assert.Null(await store.GetByRequestIdAsync("c"));
        Assert.True((await store.VerifyAuditChainAsync()).IsIntact);

        // Nothing of the failed batch's first run is left: every entry names a message that was committed.
        var stored = new HashSet<Guid>(results.Select(r => r.Message.EnvelopeId)) { (await held).Message.EnvelopeId, (await store.GetByRequestIdAsync("taken"))!.EnvelopeId };
        var audited = (await store.ReadAuditAsync(1, 10_000)).Where(e => e.EventType is AuditEventType.Submitted or AuditEventType.Sealed).Select(e => e.EnvelopeId!.Value).ToHashSet();
        Assert.Equal(stored.Order(), audited.Order());
    }

    [Fact]
    public async Task AWriteCancelledWhileQueuedIsNeverRun()
    {
        var store = await OpenAsync();
        var (held, release) = await HoldWriterAsync(store);
        using var cancellation = new CancellationTokenSource();
        Task<SubmitResult> cancelled;
        try
        {
            var payload = TestParties.Payload(16, 5);
            var submission = TestParties.Submission("req-cancelled", payload);
            cancelled = store.SubmitAsync(submission, Parties.SealFor(submission, payload), cancellation.Token);
            await cancellation.CancelAsync();
        }
        finally
        {
            release.Set();
        }

        await held;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Null(await store.GetByRequestIdAsync("req-cancelled"));
    }

    [Fact]
    public async Task QueuedWritesCommitBeforeDisposeReturnsAndLaterOnesAreRefused()
    {
        var store = await OpenAsync();
        var (held, release) = await HoldWriterAsync(store);
        var queued = SubmitAsync(store, "req-queued");
        release.Set();

        await store.DisposeAsync();

        Assert.True(held.IsCompletedSuccessfully);
        Assert.True(queued.IsCompletedSuccessfully);
        Assert.Throws<ObjectDisposedException>(() => { _ = SubmitAsync(store, "req-late"); });
        var reopened = await OpenAsync();
        Assert.NotNull(await reopened.GetByRequestIdAsync("req-queued"));
    }

    [Fact]
    public async Task TwoClosesAtOnceBothReturnAfterTheQueuedWritesCommitted()
    {
        var store = await OpenAsync();
        var (held, release) = await HoldWriterAsync(store);
        var queued = SubmitAsync(store, "req-queued");
        Task first;
        Task second;
        try
        {
            first = store.DisposeAsync().AsTask();
            second = store.DisposeAsync().AsTask();
            Assert.False(first.IsCompleted);
            Assert.False(second.IsCompleted);
        }
        finally
        {
            release.Set();
        }

        await Task.WhenAll(first, second);
        Assert.True(held.IsCompletedSuccessfully);
        Assert.True(queued.IsCompletedSuccessfully);
        // And one after them finds it closed.
        Assert.True(store.DisposeAsync().AsTask().IsCompletedSuccessfully);
    }
}
