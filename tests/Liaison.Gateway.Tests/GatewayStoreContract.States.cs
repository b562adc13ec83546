using Liaison.Envelope.V1;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Tests;

public abstract partial class GatewayStoreContract
{
    [Fact]
    public async Task OutboundMessagesExpireWhenNoReceiptCameBeforeTheirExpiry()
    {
        var store = await OpenAsync();
        var published = (await SubmitAsync(store, "req-1", lifetime: TimeSpan.FromHours(1))).Message;
        await store.MarkPublishedAsync((await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow())).Select(o => o.Id).ToList(), Parties.Time.GetUtcNow());
        var waiting = (await SubmitAsync(store, "req-2", lifetime: TimeSpan.FromHours(1), seed: 2)).Message;
        var longer = (await SubmitAsync(store, "req-3", lifetime: TimeSpan.FromHours(3), seed: 3)).Message;

        Assert.Empty(await store.ExpireAsync(published.ExpiresAt));
        var expired = await store.ExpireAsync(published.ExpiresAt.AddHours(1));

        Assert.Equal([published.EnvelopeId, waiting.EnvelopeId], expired);
        Assert.Equal(MessageState.Expired, (await store.GetAsync(waiting.EnvelopeId))!.State);
        Assert.Equal(MessageState.Sealed, (await store.GetAsync(longer.EnvelopeId))!.State);
        // The expired envelope's unpublished row is dropped; the longer-lived one still waits.
        Assert.Equal(longer.EnvelopeId, Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow())).EnvelopeId);
        Assert.Equal(AuditEventType.Expired, (await AuditTypesAsync(store, waiting.EnvelopeId))[^1]);
    }

    [Fact]
    public async Task AVerifiedReceiptArrivingAfterExpiryStillRecordsTheDelivery()
    {
        var store = await OpenAsync();
        var sent = (await SubmitAsync(store, "req-1", lifetime: TimeSpan.FromHours(1))).Message;
        var (receipt, body) = ReceiptFromYunnan(sent);
        await store.ExpireAsync(sent.ExpiresAt.AddMinutes(1));

        var result = await store.RecordReceiptAsync(sent.EnvelopeId, receipt, body.Status, body.RejectionReason, sent.ExpiresAt.AddMinutes(2));

        Assert.Equal(MessageState.Delivered, result.Message.State);
    }

    [Fact]
    public async Task AReceiptForAnInboundMessageIsAnIllegalTransitionThatNamesTheCurrentState()
    {
        var store = await OpenAsync();
        var (record, receipt) = Parties.Arrive(Parties.SealToYunnan(1));
        await store.RecordInboundAsync(record, receipt);

        var error = await Assert.ThrowsAsync<IllegalStateTransitionException>(() =>
            store.RecordReceiptAsync(record.EnvelopeId, receipt, ReceiptStatus.Accepted, RejectionReason.Unspecified, Parties.Time.GetUtcNow()));

        Assert.Equal((record.EnvelopeId, MessageState.Stored, MessageState.Delivered), (error.EnvelopeId, error.Current, error.Attempted));
        Assert.Equal(MessageState.Stored, (await store.GetAsync(record.EnvelopeId))!.State);
    }

    [Fact]
    public async Task AnArrivalUnderTheIdOfAnOwnOutboundEnvelopeIsAnIllegalTransition()
    {
        var store = await OpenAsync();
        var sent = (await SubmitAsync(store, "req-1")).Message;
        var (reflected, receipt) = Parties.Arrive(sent.EnvelopeBytes.ToArray());

        var error = await Assert.ThrowsAsync<IllegalStateTransitionException>(() => store.RecordInboundAsync(reflected, receipt));

        Assert.Equal((MessageDirection.Outbound, MessageState.Sealed, MessageState.Received), (error.Direction, error.Current, error.Attempted));
        Assert.Equal(MessageDirection.Outbound, (await store.GetAsync(sent.EnvelopeId))!.Direction);
    }
}
