using Liaison.Crypto.Envelopes;
using Liaison.Envelope.V1;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Tests;

public abstract partial class GatewayStoreContract
{
    [Fact]
    public async Task ASubmitSealsStoresQueuesAndAuditsTheMessage()
    {
        var store = await OpenAsync();

        var result = await SubmitAsync(store, "req-1");

        Assert.False(result.IsReplay);
        var message = result.Message;
        Assert.Equal(MessageState.Sealed, message.State);
        Assert.Equal(MessageDirection.Outbound, message.Direction);
        Assert.Equal(1UL, message.Sequence);
        Assert.Equal("req-1", message.RequestId);
        Assert.Equal(Parties.Time.GetUtcNow(), message.CreatedAt);
        var opened = Parties.YunnanOpener.Open(message.EnvelopeBytes.Span);
        Assert.True(opened.IsAccepted, opened.Detail);
        Assert.Equal(message.EnvelopeId, opened.EnvelopeId);
        Assert.Equal(1UL, opened.Header!.Sequence);
        Assert.Equal(message, await store.GetAsync(message.EnvelopeId), MessageRecordComparer.Instance);
        Assert.Equal(message, await store.GetByRequestIdAsync("req-1"), MessageRecordComparer.Instance);
        var outbox = Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
        Assert.Equal((message.EnvelopeId, OutboxKind.Envelope, TestParties.Yunnan), (outbox.EnvelopeId, outbox.Kind, outbox.Destination));
        Assert.True(outbox.Bytes.Span.SequenceEqual(message.EnvelopeBytes.Span));
        Assert.Equal([AuditEventType.Submitted, AuditEventType.Sealed], await AuditTypesAsync(store));
    }

    [Fact]
    public async Task ARetryWithTheSameRequestIdReturnsTheFirstRecordAndItsEnvelope()
    {
        var store = await OpenAsync();
        var first = await SubmitAsync(store, "req-1");
        var payload = TestParties.Payload(2048, 1);
        var seals = 0;

        var retry = await store.SubmitAsync(TestParties.Submission("req-1", payload), _ =>
        {
            seals++;
            throw new InvalidOperationException("A replay's seal is never used.");
        });

        Assert.True(retry.IsReplay);
        // At most the seal ahead of the writer (SubmitSealing), whose failure is left to the
        // writer; the writer, which finds the replay, does not seal.
        Assert.True(seals <= 1, $"sealed {seals} times");
        Assert.Equal(first.Message, retry.Message, MessageRecordComparer.Instance);
        Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
        Assert.Equal([AuditEventType.Submitted, AuditEventType.Sealed], await AuditTypesAsync(store));
    }

    [Fact]
    public async Task EachSubmitIsSealedOnceAheadOfTheWriterWithTheSequenceItTakes()
    {
        var store = await OpenAsync();
        var seals = new List<(ulong Sequence, int Thread)>();
        var submitted = new List<SubmitResult>();
        var caller = Environment.CurrentManagedThreadId;

        for (var i = 0; i < 5; i++)
        {
            var payload = TestParties.Payload(64, i);
            var submission = TestParties.Submission($"ahead-{i}", payload);
            var seal = Parties.SealFor(submission, payload);
            var submit = store.SubmitAsync(submission, sequence =>
            {
                lock (seals)
                {
                    seals.Add((sequence, Environment.CurrentManagedThreadId));
                }

                return seal(sequence);
            });
            // Sealed on the caller's thread before the call returned, not by the writer later.
            Assert.Equal([(ulong)i + 1], seals.Skip(i).Select(s => s.Sequence));
            Assert.Equal(caller, seals[i].Thread);
            submitted.Add(await submit);
            caller = Environment.CurrentManagedThreadId;
        }

        // One seal per submit, each with the number its transaction took: none done again in the writer.
        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL], seals.Select(s => s.Sequence));
        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL], submitted.Select(r => r.Message.Sequence));
        Assert.All(submitted, r => Assert.Equal(r.Message.Sequence, HeaderOf(r.Message.EnvelopeBytes).Sequence));
    }

    [Fact]
    public async Task SequencesStayGaplessAndInTheirEnvelopesWhenQueuedSubmitsDoNotTakeTheNumberForecastForThem()
    {
        var store = await OpenAsync();
        await SubmitAsync(store, "taken", seed: 100);
        var (held, release) = await HoldWriterAsync(store);
        List<Task<SubmitResult>> queued;
        Task<SubmitResult> conflict;
        Task<SubmitResult> replay;
        Task<SubmitResult> sealFails;
        try
        {
            // Sealed ahead with the numbers 3, 4, ... while the writer is held; the replay, the
            // conflict and the failing seal take none, so those forecast after them are off.
            queued = [SubmitAsync(store, "q-1", seed: 1)];
            replay = store.SubmitAsync(TestParties.Submission("taken", TestParties.Payload(2048, 100)), FailingSeal());
            queued.Add(SubmitAsync(store, "q-2", seed: 2));
            conflict = SubmitAsync(store, "taken", seed: 101);
            queued.Add(SubmitAsync(store, "q-3", seed: 3));
            sealFails = store.SubmitAsync(TestParties.Submission("q-fails", [1]), FailingSeal());
            queued.Add(SubmitAsync(store, "q-4", seed: 4));
        }
        finally
        {
            release.Set();
        }

        await held;
        Assert.True((await replay).IsReplay);
        await Assert.ThrowsAsync<RequestIdConflictException>(() => conflict);
        await Assert.ThrowsAsync<EnvelopeSealException>(() => sealFails);
        var results = await Task.WhenAll(queued);
        // And the forecast starts again once the queue is empty: the next submit is sealed once.
        var seals = 0;
        var afterPayload = TestParties.Payload(64, 9);
        var after = TestParties.Submission("after", afterPayload);
        var afterSeal = Parties.SealFor(after, afterPayload);
        var next = await store.SubmitAsync(after, sequence =>
        {
            seals++;
            return afterSeal(sequence);
        });

        Assert.Equal([3UL, 4UL, 5UL, 6UL], results.Select(r => r.Message.Sequence));
        Assert.All(results, r => Assert.Equal(r.Message.Sequence, HeaderOf(r.Message.EnvelopeBytes).Sequence));
        Assert.All(results, r => Assert.True(Parties.YunnanOpener.Open(r.Message.EnvelopeBytes.Span).IsAccepted));
        Assert.Equal(7UL, next.Message.Sequence);
        Assert.Equal(7UL, HeaderOf(next.Message.EnvelopeBytes).Sequence);
        Assert.Equal(1, seals);
        Assert.True((await store.VerifyAuditChainAsync()).IsIntact);
    }

    [Fact]
    public async Task TheSameRequestIdWithAnotherPayloadIsAConflict()
    {
        var store = await OpenAsync();
        var first = await SubmitAsync(store, "req-1", seed: 1);

        var conflict = await Assert.ThrowsAsync<RequestIdConflictException>(() => SubmitAsync(store, "req-1", seed: 2));

        Assert.Equal("req-1", conflict.RequestId);
        Assert.Equal(first.Message.EnvelopeId, conflict.ExistingEnvelopeId);
        Assert.DoesNotContain("req-1", conflict.Message, StringComparison.Ordinal);
        Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
    }

    [Fact]
    public async Task SequenceNumbersRiseWithoutGapsPerPeerUnderFiftyConcurrentSubmits()
    {
        var store = await OpenAsync();
        var peers = new[] { TestParties.Yunnan, TestParties.LuangNamtha };

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => SubmitAsync(store, $"req-{i}", peers[i % 2], seed: i))));

        Assert.All(results, r => Assert.Equal(r.Message.Sequence, HeaderOf(r.Message.EnvelopeBytes).Sequence));
        // The outbox keeps commit order: per peer, the numbers must rise 1, 2, 3, … in it.
        var queued = await store.ClaimDueOutboxAsync(100, Parties.Time.GetUtcNow());
        foreach (var peer in peers)
        {
            var sequences = queued.Where(q => q.Destination == peer).Select(q => HeaderOf(q.Bytes).Sequence).ToList();
            Assert.Equal(Enumerable.Range(1, 25).Select(n => (ulong)n), sequences);
        }
    }

    [Fact]
    public async Task ASealFailureStoresNothingAndGivesTheSequenceNumberBack()
    {
        var store = await OpenAsync();
        var payload = TestParties.Payload(16, 9);

        await Assert.ThrowsAsync<Crypto.Envelopes.EnvelopeSealException>(() => store.SubmitAsync(TestParties.Submission("req-bad", payload), FailingSeal()));
        var next = await SubmitAsync(store, "req-good");

        Assert.Null(await store.GetByRequestIdAsync("req-bad"));
        Assert.Equal(1UL, next.Message.Sequence);
    }

    [Fact]
    public async Task AnEnvelopeThatDoesNotMatchTheSubmissionIsRefused()
    {
        var store = await OpenAsync();
        var payload = TestParties.Payload(16, 3);
        var submission = TestParties.Submission("req-1", payload);
        var sealedForAnotherPeer = Parties.SealFor(submission with { PeerNode = TestParties.LuangNamtha }, payload);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SubmitAsync(submission, sealedForAnotherPeer));

        Assert.Null(await store.GetByRequestIdAsync("req-1"));
    }

    [Fact]
    public async Task MalformedSubmissionsAreRefusedBeforeAnythingIsQueued()
    {
        var store = await OpenAsync();
        var payload = TestParties.Payload(16, 3);
        var good = TestParties.Submission("req-1", payload);

        foreach (var bad in new[]
        {
            good with { RequestId = "" },
            good with { RequestId = "Nguyễn Thị Hoa" },
            good with { RequestDigest = new byte[31] },
            good with { PeerNode = "Yunnan!" },
            good with { CaseReference = "name: Hoa" },
            good with { Priority = Priority.Unspecified },
        })
        {
            Assert.Throws<ArgumentException>(() => { _ = store.SubmitAsync(bad, Parties.SealFor(bad, payload)); });
        }

        Assert.Equal(0, store.CommittedWriteTransactions);
    }
}
