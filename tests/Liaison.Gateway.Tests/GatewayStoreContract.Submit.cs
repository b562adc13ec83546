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
    public async Task ARetryWithTheSameRequestIdReturnsTheFirstRecordWithoutSealingAgain()
    {
        var store = await OpenAsync();
        var first = await SubmitAsync(store, "req-1");
        var payload = TestParties.Payload(2048, 1);
        var seals = 0;

        var retry = await store.SubmitAsync(TestParties.Submission("req-1", payload), _ =>
        {
            seals++;
            throw new InvalidOperationException("A replay must not be sealed.");
        });

        Assert.True(retry.IsReplay);
        Assert.Equal(0, seals);
        Assert.Equal(first.Message, retry.Message, MessageRecordComparer.Instance);
        Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
        Assert.Equal([AuditEventType.Submitted, AuditEventType.Sealed], await AuditTypesAsync(store));
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
