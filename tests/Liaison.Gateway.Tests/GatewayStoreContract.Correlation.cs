using Liaison.Crypto.Envelopes;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Tests;

public abstract partial class GatewayStoreContract
{
    private const string Chunk = "attachment.chunk";
    private const string Manifest = "attachment.manifest";

    [Fact]
    public async Task MessagesAreListedByCorrelationIdAndTypeInSequenceOrderWithTheirPayloadSizes()
    {
        var store = await OpenAsync();
        // Arriving out of order, as envelopes may: the list follows the sender's sequence.
        foreach (var (sequence, type, correlation) in new[] { (3UL, Chunk, "att-1"), (1UL, Chunk, "att-1"), (5UL, Chunk, "att-2"), (2UL, Chunk, "att-1"), (4UL, Manifest, "att-1") })
        {
            var (record, receipt) = Parties.Arrive(SealCorrelated(sequence, type, correlation));
            await store.RecordInboundAsync(record, receipt);
        }

        var chunks = await store.ListByCorrelationAsync(MessageDirection.Inbound, "att-1", Chunk, 10);

        Assert.Equal([1UL, 2UL, 3UL], chunks.Select(c => c.Sequence));
        Assert.All(chunks, c => Assert.Equal((Chunk, "att-1", TestParties.LaoCai, MessageState.Stored, 1000L + (long)c.Sequence), (c.MessageType, c.CorrelationId, c.PeerNode, c.State, c.PayloadSize)));
        Assert.Equal([1UL, 2UL, 3UL, 4UL], (await store.ListByCorrelationAsync(MessageDirection.Inbound, "att-1", null, 10)).Select(c => c.Sequence));
        Assert.Equal([1UL, 2UL], (await store.ListByCorrelationAsync(MessageDirection.Inbound, "att-1", Chunk, 2)).Select(c => c.Sequence));
        Assert.Empty(await store.ListByCorrelationAsync(MessageDirection.Outbound, "att-1", null, 10));
        Assert.Empty(await store.ListByCorrelationAsync(MessageDirection.Inbound, "att-3", null, 10));
    }

    [Fact]
    public async Task OnePayloadIsReadOnItsOwnAndOnlyInboundMessagesHaveOne()
    {
        var store = await OpenAsync();
        var (record, receipt) = Parties.Arrive(SealCorrelated(1, Chunk, "att-1"));
        await store.RecordInboundAsync(record, receipt);
        var sent = await SubmitAsync(store, "r-1");

        var payload = await store.GetPayloadAsync(record.EnvelopeId);

        Assert.True(payload!.Value.Span.SequenceEqual(record.Payload!.Value.Span));
        Assert.Null(await store.GetPayloadAsync(sent.Message.EnvelopeId));
        Assert.Null(await store.GetPayloadAsync(Guid.CreateVersion7()));
        var outbound = Assert.Single(await store.ListByCorrelationAsync(MessageDirection.Outbound, "corr-r-1", TestParties.MessageType, 10));
        Assert.Equal((sent.Message.EnvelopeId, MessageState.Sealed, 0L, TestParties.Yunnan), (outbound.EnvelopeId, outbound.State, outbound.PayloadSize, outbound.PeerNode));
    }

    /// <summary>An envelope from Lao Cai to Yunnan with this correlation id, whose payload is 1000 + sequence bytes.</summary>
    private byte[] SealCorrelated(ulong sequence, string messageType, string correlationId) =>
        Parties.LaoCaiSealer.Seal(new SealRequest(TestParties.Yunnan, messageType, TestParties.Payload(1000 + (int)sequence, (int)sequence))
        {
            CaseReference = "LC-2026-0042",
            CorrelationId = correlationId,
            Sequence = sequence,
        }).Bytes;
}
