using Google.Protobuf;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.V1;
using Liaison.Envelope.V1;
using Liaison.Gateway.Messaging;
using Liaison.Gateway.Messaging.Contracts;
using Liaison.Gateway.Storage;
using Liaison.Testing;
using MassTransit;
using static Liaison.Gateway.Tests.Messaging.ExchangeScenario;

namespace Liaison.Gateway.Tests.Messaging;

/// <summary>
/// Frames (<see cref="EnvelopesTransferred"/>) over the real linked brokers: each envelope of a
/// frame is judged on its own, and one bad envelope neither spoils nor hides the others.
/// </summary>
[Collection(LinkedBrokerTests.Name)]
public sealed class FrameExchangeTests
{
    [Fact]
    public async Task AFrameWithATamperedEnvelopeStoresTheOthersRecordsTheRefusalAndGoesToTheErrorQueueNamingIt()
    {
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1);
        var sealedEnvelopes = Enumerable.Range(0, 3).Select(i => gateways.LaoCai.Node.Sealer.Seal(new SealRequest(TestParties.Yunnan, TestParties.MessageType, Payload($"framed-{i}"))
        {
            CaseReference = "LC-2026-0044",
            Sequence = 3000 + (ulong)i,
        })).ToList();
        var tampered = sealedEnvelopes[1];

        var endpoint = await gateways.LaoCai.Bus.GetSendEndpoint(GatewayQueues.OutboundAddress(TestParties.Yunnan, inMemory: false));
        await endpoint.Send(
            new EnvelopesTransferred([sealedEnvelopes[0].Bytes, FlipCiphertextBit(tampered.Bytes), sealedEnvelopes[2].Bytes]),
            c => PersistentSend.Prepare(c, Guid.Empty));

        var fault = await gateways.YunnanFaultAsync("1 of the frame's 3 items were refused");
        Assert.Contains("REJECTION_REASON_BAD_SIGNATURE", fault, StringComparison.Ordinal);
        foreach (var good in new[] { sealedEnvelopes[0], sealedEnvelopes[2] })
        {
            var stored = await gateways.Yunnan.Store.GetAsync(good.EnvelopeId);
            Assert.Equal(MessageState.Stored, stored!.State);
        }

        var refused = await gateways.Yunnan.Store.GetAsync(tampered.EnvelopeId);
        Assert.Equal((MessageState.Rejected, RejectionReason.BadSignature), (refused!.State, refused.RejectionReason));
        Assert.Null(refused.Payload);
        Assert.Contains(await AuditAsync(gateways.Yunnan), e =>
            e.EventType == AuditEventType.Rejected && e.EnvelopeId == tampered.EnvelopeId && e.ReasonCode == "REJECTION_REASON_BAD_SIGNATURE");
        Assert.True((await gateways.Yunnan.Store.VerifyAuditChainAsync()).IsIntact);
    }

    [Fact]
    public async Task AReplayedFrameStoresNothingTwiceAndAuditsEachEnvelopeAsADuplicate()
    {
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1);
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => gateways.LaoCai.Submitter.SubmitAsync(Request($"frame-replay-{i}"))));
        var ids = results.Select(r => r.Message.EnvelopeId).ToList();
        await UntilDeliveredAsync(gateways.LaoCai, ids, Delivery);

        var endpoint = await gateways.LaoCai.Bus.GetSendEndpoint(GatewayQueues.OutboundAddress(TestParties.Yunnan, inMemory: false));
        await endpoint.Send(new EnvelopesTransferred(results.Select(r => r.Message.EnvelopeBytes.ToArray()).ToArray()), c => PersistentSend.Prepare(c, Guid.Empty));

        await Polling.UntilAsync(
            async () => (await AuditAsync(gateways.Yunnan)).Count(e => e.EventType == AuditEventType.Duplicate && ids.Contains(e.EnvelopeId ?? Guid.Empty)) == ids.Count,
            Delivery,
            "a Duplicate audit entry on Yunnan for each envelope of the replayed frame");
        Assert.Equal(ids.Order(), (await InboxAsync(gateways.Yunnan)).Select(m => m.EnvelopeId).Order());
    }

    /// <summary>One ciphertext bit flipped: the header still reads, the signature fails.</summary>
    private static byte[] FlipCiphertextBit(byte[] envelope)
    {
        var parsed = SealedEnvelope.Parser.ParseFrom(envelope);
        var ciphertext = parsed.Ciphertext.ToByteArray();
        ciphertext[0] ^= 1;
        parsed.Ciphertext = ByteString.CopyFrom(ciphertext);
        return parsed.ToByteArray();
    }
}
