using Liaison.Envelope.V1;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Tests;

public abstract partial class GatewayStoreContract
{
    [Fact]
    public async Task AnAuthenticDuplicateQueuesTheOriginalReceiptAgainOnceTheFirstWasPublished()
    {
        var store = await OpenAsync();
        var envelope = Parties.SealToYunnan(1);
        var (record, receipt) = Parties.Arrive(envelope);
        Assert.True((await store.RecordInboundAsync(record, receipt)).ReceiptQueued);
        var first = Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
        await store.MarkPublishedAsync([first.Id], Parties.Time.GetUtcNow());

        var (again, newReceipt) = Parties.Arrive(envelope);
        var replay = await store.RecordInboundAsync(again, newReceipt);
        var whileQueued = await store.RecordInboundAsync(again, newReceipt);

        Assert.True(replay.IsDuplicate);
        Assert.True(replay.ReceiptQueued);
        Assert.False(whileQueued.ReceiptQueued);
        var resent = Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
        Assert.Equal((OutboxKind.Receipt, record.EnvelopeId), (resent.Kind, resent.EnvelopeId));
        Assert.True(resent.Bytes.Span.SequenceEqual(receipt), "The original receipt goes out again, not a new one.");
    }

    [Fact]
    public async Task AForgedCopyOfAStoredEnvelopeIsADuplicateThatQueuesNoReceipt()
    {
        var store = await OpenAsync();
        var envelope = Parties.SealToYunnan(1);
        var (record, receipt) = Parties.Arrive(envelope);
        await store.RecordInboundAsync(record, receipt);
        var first = Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
        await store.MarkPublishedAsync([first.Id], Parties.Time.GetUtcNow());

        var (forged, forgedReceipt) = Parties.Arrive(Tampered(envelope));
        var result = await store.RecordInboundAsync(forged, forgedReceipt);

        Assert.True(result.IsDuplicate);
        Assert.False(result.ReceiptQueued);
        Assert.Empty(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
    }

    [Fact]
    public async Task ReopeningTheStoreMakesRowsThePreviousRunLeasedDueAtOnce()
    {
        var store = await OpenAsync();
        await SubmitAsync(store, "req-1");
        var claimed = Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
        Assert.Empty(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
        await store.DisposeAsync();

        var reopened = await OpenAsync();

        var again = Assert.Single(await reopened.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
        Assert.Equal((claimed.Id, 2), (again.Id, again.Attempts));
        var released = Assert.Single(await reopened.ReadAuditAsync(1, 100), e => e.EventType == AuditEventType.OutboxReleased);
        Assert.Contains("1 outbox rows", released.Detail, StringComparison.Ordinal);
        Assert.True((await reopened.VerifyAuditChainAsync()).IsIntact);
    }

    [Fact]
    public async Task ARefusedReceiptIsAuditedWithItsReasonAndChangesNothing()
    {
        var store = await OpenAsync();
        var sent = (await SubmitAsync(store, "req-1")).Message;

        await store.RecordReceiptRefusalAsync(sent.EnvelopeId, TestParties.Yunnan, RejectionReason.BadSignature);

        Assert.Equal(MessageState.Sealed, (await store.GetAsync(sent.EnvelopeId))!.State);
        var entry = (await store.ReadAuditAsync(1, 100))[^1];
        Assert.Equal((AuditEventType.ReceiptRefused, sent.EnvelopeId, "REJECTION_REASON_BAD_SIGNATURE"), (entry.EventType, entry.EnvelopeId, entry.ReasonCode));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordReceiptRefusalAsync(sent.EnvelopeId, "", RejectionReason.Unspecified));
    }
}
