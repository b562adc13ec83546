using Liaison.Envelope.V1;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Tests;

public abstract partial class GatewayStoreContract
{
    /// <summary>Yunnan opens what Lao Cai sent and signs a receipt; Lao Cai verifies it, as the gateway will.</summary>
    private (byte[] Receipt, Receipt Body) ReceiptFromYunnan(MessageRecord sent, RejectionReason rejection = RejectionReason.Unspecified)
    {
        var opened = Parties.YunnanOpener.Open(sent.EnvelopeBytes.Span);
        var receipt = Parties.YunnanReceipts.Sign(sent.EnvelopeBytes.Span, opened.Header!, rejection);
        var check = Parties.LaoCaiReceiptVerifier.Verify(receipt, sent.EnvelopeBytes.Span);
        Assert.True(check.IsValid, check.Detail);
        return (receipt, check.Receipt!);
    }

    [Fact]
    public async Task AVerifiedReceiptMarksThePublishedMessageDelivered()
    {
        var store = await OpenAsync();
        var sent = (await SubmitAsync(store, "req-1")).Message;
        var item = Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
        await store.MarkPublishedAsync([item.Id], Parties.Time.GetUtcNow());
        var (receipt, body) = ReceiptFromYunnan(sent);

        var result = await store.RecordReceiptAsync(sent.EnvelopeId, receipt, body.Status, body.RejectionReason, Parties.Time.GetUtcNow());

        Assert.False(result.IsDuplicate);
        Assert.Equal(MessageState.Delivered, result.Message.State);
        Assert.True(result.Message.ReceiptBytes!.Value.Span.SequenceEqual(receipt));
        Assert.Equal(result.Message, await store.GetAsync(sent.EnvelopeId), MessageRecordComparer.Instance);
        Assert.Equal(
            [AuditEventType.Submitted, AuditEventType.Sealed, AuditEventType.Published, AuditEventType.ReceiptReceived, AuditEventType.Delivered],
            await AuditTypesAsync(store, sent.EnvelopeId));
    }

    [Fact]
    public async Task ASecondReceiptChangesNothingAndIsAuditedAsADuplicate()
    {
        var store = await OpenAsync();
        var sent = (await SubmitAsync(store, "req-1")).Message;
        var (receipt, body) = ReceiptFromYunnan(sent);
        var first = await store.RecordReceiptAsync(sent.EnvelopeId, receipt, body.Status, body.RejectionReason, Parties.Time.GetUtcNow());

        var second = await store.RecordReceiptAsync(sent.EnvelopeId, receipt, body.Status, body.RejectionReason, Parties.Time.GetUtcNow().AddMinutes(1));

        Assert.True(second.IsDuplicate);
        Assert.Equal(first.Message, second.Message, MessageRecordComparer.Instance);
        Assert.Equal(AuditEventType.Duplicate, (await AuditTypesAsync(store, sent.EnvelopeId))[^1]);
    }

    [Fact]
    public async Task AReceiptThatOvertakesThePublishConfirmDeliversAndEmptiesTheOutbox()
    {
        var store = await OpenAsync();
        var sent = (await SubmitAsync(store, "req-1")).Message;
        var item = Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
        var (receipt, body) = ReceiptFromYunnan(sent);

        var result = await store.RecordReceiptAsync(sent.EnvelopeId, receipt, body.Status, body.RejectionReason, Parties.Time.GetUtcNow());

        Assert.Equal(MessageState.Delivered, result.Message.State);
        Assert.Equal(0, await store.MarkPublishedAsync([item.Id], Parties.Time.GetUtcNow()));
        Assert.Empty(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow().AddHours(1)));
        Assert.Equal(MessageState.Delivered, (await store.GetAsync(sent.EnvelopeId))!.State);
    }

    [Fact]
    public async Task ARejectingReceiptRecordsTheRecipientsReason()
    {
        var store = await OpenAsync();
        var sent = (await SubmitAsync(store, "req-1")).Message;
        var (receipt, body) = ReceiptFromYunnan(sent, RejectionReason.Replayed);

        var result = await store.RecordReceiptAsync(sent.EnvelopeId, receipt, body.Status, body.RejectionReason, Parties.Time.GetUtcNow());

        Assert.Equal((MessageState.Rejected, RejectionReason.Replayed), (result.Message.State, result.Message.RejectionReason));
        var rejected = (await store.ReadAuditAsync(1, 100))[^1];
        Assert.Equal((AuditEventType.Rejected, "REJECTION_REASON_REPLAYED"), (rejected.EventType, rejected.ReasonCode));
    }

    [Fact]
    public async Task AReceiptForAnUnknownEnvelopeIsNotFound()
    {
        var store = await OpenAsync();
        var unknown = Guid.CreateVersion7(Parties.Time.GetUtcNow());

        var error = await Assert.ThrowsAsync<MessageNotFoundException>(() =>
            store.RecordReceiptAsync(unknown, new byte[] { 1 }, ReceiptStatus.Accepted, RejectionReason.Unspecified, Parties.Time.GetUtcNow()));

        Assert.Equal(unknown, error.EnvelopeId);
    }

    [Fact]
    public async Task AReceiptWhoseStatusAndReasonDisagreeIsRefused()
    {
        var store = await OpenAsync();
        var id = Guid.CreateVersion7(Parties.Time.GetUtcNow());

        Assert.Throws<ArgumentException>(() => { _ = store.RecordReceiptAsync(id, new byte[] { 1 }, ReceiptStatus.Accepted, RejectionReason.BadSignature, Parties.Time.GetUtcNow()); });
        Assert.Throws<ArgumentException>(() => { _ = store.RecordReceiptAsync(id, new byte[] { 1 }, ReceiptStatus.Rejected, RejectionReason.Unspecified, Parties.Time.GetUtcNow()); });
        Assert.Throws<ArgumentException>(() => { _ = store.RecordReceiptAsync(id, ReadOnlyMemory<byte>.Empty, ReceiptStatus.Accepted, RejectionReason.Unspecified, Parties.Time.GetUtcNow()); });
    }
}
