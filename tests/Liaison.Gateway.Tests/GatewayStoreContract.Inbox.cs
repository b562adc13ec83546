using Liaison.Envelope.V1;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Tests;

public abstract partial class GatewayStoreContract
{
    /// <summary>An authentic envelope with one ciphertext byte flipped: its header still reads, its signature fails.</summary>
    private static byte[] Tampered(byte[] envelope)
    {
        var parsed = SealedEnvelope.Parser.ParseFrom(envelope);
        var ciphertext = parsed.Ciphertext.ToByteArray();
        ciphertext[0] ^= 1;
        parsed.Ciphertext = Google.Protobuf.ByteString.CopyFrom(ciphertext);
        return Google.Protobuf.MessageExtensions.ToByteArray(parsed);
    }

    [Fact]
    public async Task AnArrivedEnvelopeIsStoredWithItsPayloadAndItsReceiptQueued()
    {
        var store = await OpenAsync();
        var envelope = Parties.SealToYunnan(1);
        var (record, receipt) = Parties.Arrive(envelope);

        var result = await store.RecordInboundAsync(record, receipt);

        Assert.False(result.IsDuplicate);
        var message = result.Message;
        Assert.Equal((MessageDirection.Inbound, MessageState.Stored, TestParties.LaoCai), (message.Direction, message.State, message.PeerNode));
        Assert.True(message.Payload!.Value.Span.SequenceEqual(record.Payload!.Value.Span));
        Assert.True(message.EnvelopeBytes.Span.SequenceEqual(envelope));
        Assert.Null(message.RequestId);
        Assert.Equal(message, await store.GetAsync(record.EnvelopeId), MessageRecordComparer.Instance);
        var queued = Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
        Assert.Equal((OutboxKind.Receipt, TestParties.LaoCai, record.EnvelopeId), (queued.Kind, queued.Destination, queued.EnvelopeId));
        Assert.True(queued.Bytes.Span.SequenceEqual(receipt));
        Assert.Equal([AuditEventType.Received, AuditEventType.Verified, AuditEventType.Stored], await AuditTypesAsync(store));
    }

    [Fact]
    public async Task AReplayedEnvelopeIsStoredOnceAuditedAsADuplicateAndAnsweredWithTheOriginalReceipt()
    {
        var store = await OpenAsync();
        var envelope = Parties.SealToYunnan(1);
        var (record, receipt) = Parties.Arrive(envelope);
        var first = await store.RecordInboundAsync(record, receipt);
        Parties.Time.Advance(TimeSpan.FromMinutes(5));
        var (again, newReceipt) = Parties.Arrive(envelope);

        var replay = await store.RecordInboundAsync(again, newReceipt);

        Assert.True(replay.IsDuplicate);
        Assert.Equal(first.Message, replay.Message, MessageRecordComparer.Instance);
        Assert.True(replay.Message.ReceiptBytes!.Value.Span.SequenceEqual(receipt));
        Assert.Single((await store.ListInboxAsync(new InboxQuery(10))).Messages);
        Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
        Assert.Equal(
            [AuditEventType.Received, AuditEventType.Verified, AuditEventType.Stored, AuditEventType.Duplicate],
            await AuditTypesAsync(store, record.EnvelopeId));
    }

    [Fact]
    public async Task ARefusedEnvelopeIsKeptWithItsReasonAndNoPayload()
    {
        var store = await OpenAsync();
        var (record, receipt) = Parties.Arrive(Tampered(Parties.SealToYunnan(1)));

        var result = await store.RecordInboundAsync(record, receipt);

        Assert.Equal((MessageState.Rejected, RejectionReason.BadSignature), (result.Message.State, result.Message.RejectionReason));
        Assert.Null(result.Message.Payload);
        var audit = await store.ReadAuditAsync(1, 100);
        Assert.Equal([AuditEventType.Received, AuditEventType.Rejected], audit.Select(e => e.EventType));
        Assert.Equal("REJECTION_REASON_BAD_SIGNATURE", audit[^1].ReasonCode);
    }

    [Fact]
    public async Task ARefusedForgeryDoesNotMakeTheAuthenticEnvelopeLookLikeADuplicate()
    {
        var store = await OpenAsync();
        var authentic = Parties.SealToYunnan(1);
        var (forged, forgedReceipt) = Parties.Arrive(Tampered(authentic));
        await store.RecordInboundAsync(forged, forgedReceipt);
        var (record, receipt) = Parties.Arrive(authentic);

        var result = await store.RecordInboundAsync(record, receipt);
        var replay = await store.RecordInboundAsync(record, receipt);

        Assert.False(result.IsDuplicate);
        Assert.Equal(MessageState.Stored, result.Message.State);
        Assert.True(replay.IsDuplicate);
        Assert.Equal(MessageState.Stored, (await store.GetAsync(record.EnvelopeId))!.State);
    }

    [Fact]
    public async Task AnEnvelopeTooBrokenToIdentifyIsStillAudited()
    {
        var store = await OpenAsync();
        var opened = Parties.YunnanOpener.Open([0xFF, 0x01, 0x02]);
        Assert.False(InboundRecord.TryFrom(opened, new byte[] { 0xFF, 0x01, 0x02 }, out _));

        await store.RecordUnreadableRejectionAsync(opened.Reason);

        var entry = Assert.Single(await store.ReadAuditAsync(1, 10));
        Assert.Equal((AuditEventType.Rejected, (Guid?)null, "REJECTION_REASON_MALFORMED"), (entry.EventType, entry.EnvelopeId, entry.ReasonCode));
    }

    [Fact]
    public async Task TheInboxPagesInArrivalOrderWithStableTokens()
    {
        var store = await OpenAsync();
        var ids = new List<Guid>();
        for (ulong i = 1; i <= 5; i++)
        {
            var (record, receipt) = Parties.Arrive(Parties.SealToYunnan(i, 256));
            ids.Add((await store.RecordInboundAsync(record, receipt)).Message.EnvelopeId);
        }

        var first = await store.ListInboxAsync(new InboxQuery(2));
        var second = await store.ListInboxAsync(new InboxQuery(2, first.NextPageToken));
        // An arrival between two pages joins the end; it neither shifts nor repeats what was read.
        var (late, lateReceipt) = Parties.Arrive(Parties.SealToYunnan(6, 256));
        ids.Add((await store.RecordInboundAsync(late, lateReceipt)).Message.EnvelopeId);
        var third = await store.ListInboxAsync(new InboxQuery(2, second.NextPageToken));

        Assert.Equal(ids, first.Messages.Concat(second.Messages).Concat(third.Messages).Select(m => m.EnvelopeId));
        Assert.Equal("", third.NextPageToken);
        Assert.NotEqual("", second.NextPageToken);
    }

    [Fact]
    public async Task TheInboxFiltersByStateAndPeerAndLeavesOutboundMessagesOut()
    {
        var store = await OpenAsync();
        await SubmitAsync(store, "req-1");
        var (stored, storedReceipt) = Parties.Arrive(Parties.SealToYunnan(1, 256));
        await store.RecordInboundAsync(stored, storedReceipt);
        var (refused, refusedReceipt) = Parties.Arrive(Tampered(Parties.SealToYunnan(2, 256)));
        await store.RecordInboundAsync(refused, refusedReceipt);

        var all = await store.ListInboxAsync(new InboxQuery(10));
        var onlyStored = await store.ListInboxAsync(new InboxQuery(10) { State = MessageState.Stored });
        var fromElsewhere = await store.ListInboxAsync(new InboxQuery(10) { PeerNode = TestParties.LuangNamtha });

        Assert.Equal([stored.EnvelopeId, refused.EnvelopeId], all.Messages.Select(m => m.EnvelopeId));
        Assert.Equal(stored.EnvelopeId, Assert.Single(onlyStored.Messages).EnvelopeId);
        Assert.Empty(fromElsewhere.Messages);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("AQAAAAAAAAAA")]
    [InlineData("AgAAAAAAAAAB")]
    public async Task APageTokenThisStoreDidNotIssueIsRefused(string token)
    {
        var store = await OpenAsync();

        await Assert.ThrowsAsync<InvalidPageTokenException>(() => store.ListInboxAsync(new InboxQuery(10, token)));
    }

    [Fact]
    public async Task AnInboundRecordWithoutItsPayloadIsRefused()
    {
        var store = await OpenAsync();
        var (record, receipt) = Parties.Arrive(Parties.SealToYunnan(1));

        Assert.Throws<ArgumentException>(() => { _ = store.RecordInboundAsync(record with { Payload = null }, receipt); });
        Assert.Throws<ArgumentException>(() => { _ = store.RecordInboundAsync(record with { RejectionReason = RejectionReason.Expired }, receipt); });
    }

    [Fact]
    public void AnOpenerResultBecomesARecordWithTheHeaderFields()
    {
        var envelope = Parties.SealToYunnan(7);
        var opened = Parties.YunnanOpener.Open(envelope);

        Assert.True(InboundRecord.TryFrom(opened, envelope, out var record));

        Assert.Equal((opened.EnvelopeId!.Value, TestParties.LaoCai, 7UL, "LC-2026-0042"), (record.EnvelopeId, record.PeerNode, record.Sequence, record.CaseReference));
        Assert.Equal(opened.Header!.ExpiresAt.ToDateTimeOffset(), record.ExpiresAt);
        Assert.True(record.IsAccepted);
    }
}
