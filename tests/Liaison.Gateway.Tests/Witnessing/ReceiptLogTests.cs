using Liaison.Audit.Checkpoints;
using Liaison.Audit.Merkle;
using Liaison.Audit.Notes;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.V1;
using Liaison.Envelope.V1;
using Liaison.Gateway.Messaging;
using Liaison.Gateway.Messaging.Contracts;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Witnessing;
using Liaison.Testing;
using static Liaison.Gateway.Tests.Messaging.ExchangeScenario;

namespace Liaison.Gateway.Tests.Witnessing;

/// <summary>
/// Receipts between two real gateways (in memory) carry the receiver's audit-log index of the
/// envelope and a checkpoint covering it; the sender verifies the checkpoint with the receiver's
/// key from the agreement, keeps the position, and refuses a receipt whose checkpoint fails.
/// </summary>
public sealed class ReceiptLogTests
{
    [Theory]
    [InlineData(Suite.InternationalV1)]
    [InlineData(Suite.GmV1)]
    public async Task TheSenderKeepsTheReceiversLogPositionWhichTheReceiversLogProves(Suite suite)
    {
        await using var pair = await WitnessingPair.StartAsync(suite);
        var sent = await pair.LaoCai.Submitter.SubmitAsync(Request("positioned-" + suite));
        var id = sent.Message.EnvelopeId;
        await UntilDeliveredAsync(pair.LaoCai, [id], WitnessingPair.Deadline);

        var kept = await pair.LaoCai.Store.GetReceiptLogPositionAsync(id);
        Assert.NotNull(kept);
        Assert.Equal(kept, await pair.Yunnan.Store.GetReceiptLogPositionAsync(id));
        Assert.Equal(TestParties.Yunnan, kept.LogNode);
        var stored = Assert.Single(await AuditAsync(pair.Yunnan), e => e.EventType == AuditEventType.Stored && e.EnvelopeId == id);
        Assert.Equal(stored.Seq - 1, kept.LeafIndex);

        // The checkpoint is one the receiver stored, and its log proves the entry's inclusion under it.
        var checkpoint = SignedCheckpoint.Parse(kept.CheckpointNote).Checkpoint;
        Assert.Equal(kept.CheckpointNote, Assert.Single(await pair.Yunnan.Store.ListAuditCheckpointsAsync(kept.TreeSize, 1)).Note);
        var proof = await pair.Yunnan.Store.GetAuditInclusionProofAsync(stored.Seq, kept.TreeSize);
        var leaf = Assert.Single(await pair.Yunnan.Store.ReadAuditAsync(stored.Seq, 1));
        Assert.True(MerkleVerifier.VerifyInclusion((ulong)kept.LeafIndex, checkpoint.Size, LeafHash(leaf), proof.Path, checkpoint.Root));

        // GetMessage shows it on both sides, read from the receipt kept with the message.
        foreach (var side in new[] { pair.LaoCai, pair.Yunnan })
        {
            var shown = Gateway.Grpc.Internal.MessageMapper.ToMessage((await side.Store.GetAsync(id))!).ReceiptLog;
            Assert.Equal((TestParties.Yunnan, (ulong)kept.LeafIndex, (ulong)kept.TreeSize, kept.CheckpointNote), (shown.LogNode, shown.LeafIndex, shown.TreeSize, shown.Checkpoint));
        }
    }

    [Fact]
    public async Task AReceiptWhoseCheckpointIsNotTheReceiversOrDoesNotCoverItsIndexIsRefusedWithBadCheckpoint()
    {
        await using var pair = await WitnessingPair.StartAsync(Suite.InternationalV1);
        var (id, forger) = await UnansweredAsync(pair, "forged-receipts");
        var (yunnanOrigin, yunnanKey, laoCaiKey) = (Forger.YunnanOrigin, forger.YunnanKey, forger.LaoCaiKey);
        var root = MerkleHash.FromBytes(System.Security.Cryptography.SHA256.HashData("a log"u8));
        var forgeries = new[]
        {
            // Signed by the sender's own key, not the receiver's.
            new LogPosition { LeafIndex = 3, Checkpoint = SignedCheckpoint.Sign(new Checkpoint(yunnanOrigin, 10, root), laoCaiKey).ToString() },
            // The receiver's key, but a checkpoint that stops before the entry.
            new LogPosition { LeafIndex = 10, Checkpoint = SignedCheckpoint.Sign(new Checkpoint(yunnanOrigin, 10, root), yunnanKey).ToString() },
            // The receiver's key over another log.
            new LogPosition { LeafIndex = 3, Checkpoint = SignedCheckpoint.Sign(new Checkpoint(AuditLogOrigin.For(TestParties.LaoCai), 10, root), yunnanKey).ToString() },
            new LogPosition { LeafIndex = 3, Checkpoint = "not a note" },
            null,
        };

        var inbound = await pair.LaoCai.Bus.GetSendEndpoint(new Uri("queue:" + GatewayQueues.Inbound));
        foreach (var position in forgeries)
        {
            await inbound.Send(new ReceiptTransferred(forger.Receipt(position)));
        }

        var refusals = await Polling.UntilAsync(
            async () => (await AuditAsync(pair.LaoCai)).Where(e => e.EventType == AuditEventType.ReceiptRefused).ToList(),
            r => r.Count == forgeries.Length,
            WitnessingPair.Deadline,
            "every forged receipt refused");
        Assert.All(refusals, r => Assert.Equal(("REJECTION_REASON_BAD_CHECKPOINT", (Guid?)id), (r.ReasonCode, r.EnvelopeId)));
        Assert.Equal(MessageState.Published, (await pair.LaoCai.Store.GetAsync(id))!.State);
        Assert.Null(await pair.LaoCai.Store.GetReceiptLogPositionAsync(id));

        // The real receipt, once the link is back, is still accepted.
        await pair.Link.StartAsync(CancellationToken.None);
        await UntilDeliveredAsync(pair.LaoCai, [id], WitnessingPair.Deadline);
        Assert.NotNull(await pair.LaoCai.Store.GetReceiptLogPositionAsync(id));
    }

    [Fact]
    public async Task InAFrameOfReceiptsEachIsJudgedOnItsOwnTheValidOneRecordedTheForgedOnesRefused()
    {
        await using var pair = await WitnessingPair.StartAsync(Suite.InternationalV1);
        var (id, forger) = await UnansweredAsync(pair, "framed-receipts");
        var (yunnanOrigin, yunnanKey, laoCaiKey) = (Forger.YunnanOrigin, forger.YunnanKey, forger.LaoCaiKey);
        var root = MerkleHash.FromBytes(System.Security.Cryptography.SHA256.HashData("a log"u8));

        var inbound = await pair.LaoCai.Bus.GetSendEndpoint(new Uri("queue:" + GatewayQueues.Inbound));
        await inbound.Send(new ReceiptsTransferred(
        [
            forger.Receipt(new LogPosition { LeafIndex = 3, Checkpoint = SignedCheckpoint.Sign(new Checkpoint(yunnanOrigin, 10, root), laoCaiKey).ToString() }),
            forger.Receipt(new LogPosition { LeafIndex = 3, Checkpoint = SignedCheckpoint.Sign(new Checkpoint(yunnanOrigin, 10, root), yunnanKey).ToString() }),
            forger.Receipt(new LogPosition { LeafIndex = 3, Checkpoint = "not a note" }),
        ]));

        var refusals = await Polling.UntilAsync(
            async () => (await AuditAsync(pair.LaoCai)).Where(e => e.EventType == AuditEventType.ReceiptRefused).ToList(),
            r => r.Count == 2,
            WitnessingPair.Deadline,
            "both forged receipts of the frame refused");
        Assert.All(refusals, r => Assert.Equal("REJECTION_REASON_BAD_CHECKPOINT", r.ReasonCode));
        var delivered = await Polling.UntilAsync(() => pair.LaoCai.Store.GetAsync(id), m => m!.State == MessageState.Delivered, WitnessingPair.Deadline, "the message delivered by the frame's valid receipt");
        Assert.Equal((TestParties.Yunnan, 3L, 10L), await pair.LaoCai.Store.GetReceiptLogPositionAsync(id) is { } kept ? (kept.LogNode, kept.LeafIndex, kept.TreeSize) : default);
        Assert.NotNull(delivered!.ReceiptBytes);
    }

    [Fact]
    public async Task AReceiptWhoseCheckpointDiffersFromTheOneThisNodeCosignedAtThatSizeIsRefusedAsASplitView()
    {
        await using var pair = await WitnessingPair.StartAsync(Suite.InternationalV1);
        var (id, forger) = await UnansweredAsync(pair, "split-view");
        var (yunnanOrigin, yunnanKey) = (Forger.YunnanOrigin, forger.YunnanKey);
        var shownToTheWitness = MerkleHash.FromBytes(System.Security.Cryptography.SHA256.HashData("the log Yunnan showed its witness"u8));
        var shownInReceipts = MerkleHash.FromBytes(System.Security.Cryptography.SHA256.HashData("another log of the same size"u8));

        // Lao Cai cosigned Yunnan's log at size 10 (as its witnessing would have).
        await pair.LaoCai.Store.RecordWitnessingAsync(new WitnessingStep(1)
        {
            Witnessed = new WitnessedCheckpoint(yunnanOrigin, 10, shownToTheWitness, "cosigned note", Guid.CreateVersion7(), TimeProvider.System.GetUtcNow()),
        });
        var inbound = await pair.LaoCai.Bus.GetSendEndpoint(new Uri("queue:" + GatewayQueues.Inbound));
        byte[] Receipt(MerkleHash root) => forger.Receipt(new LogPosition
        {
            LeafIndex = 3,
            Checkpoint = SignedCheckpoint.Sign(new Checkpoint(yunnanOrigin, 10, root), yunnanKey).ToString(),
        });

        await inbound.Send(new ReceiptTransferred(Receipt(shownInReceipts)));
        var refusal = await Polling.UntilAsync(
            async () => (await AuditAsync(pair.LaoCai)).SingleOrDefault(e => e.EventType == AuditEventType.ReceiptRefused),
            r => r is not null,
            WitnessingPair.Deadline,
            "the receipt with the other root refused");
        Assert.Equal(("REJECTION_REASON_BAD_CHECKPOINT", (Guid?)id), (refusal!.ReasonCode, refusal.EnvelopeId));
        Assert.Equal(MessageState.Published, (await pair.LaoCai.Store.GetAsync(id))!.State);

        // The same size with the root this node cosigned is consistent, and delivers.
        await inbound.Send(new ReceiptTransferred(Receipt(shownToTheWitness)));
        await UntilDeliveredAsync(pair.LaoCai, [id], WitnessingPair.Deadline);
    }

    /// <summary>
    /// A message Lao Cai sent (published) while the link to Yunnan is down, so that no real receipt
    /// comes, and what it takes to forge receipts for it with Yunnan's and Lao Cai's own keys.
    /// </summary>
    private static async Task<(Guid Id, Forger Forger)> UnansweredAsync(WitnessingPair pair, string requestId)
    {
        await pair.Link.StopAsync(CancellationToken.None);
        var id = (await pair.LaoCai.Submitter.SubmitAsync(Request(requestId))).Message.EnvelopeId;
        var envelope = (await Polling.UntilAsync(
            () => pair.LaoCai.Store.GetAsync(id), m => m is { State: MessageState.Published }, WitnessingPair.Deadline, "the message published"))!.EnvelopeBytes.ToArray();
        return (id, new Forger(pair, envelope));
    }

    private sealed class Forger(WitnessingPair pair, byte[] envelope)
    {
        public static readonly string YunnanOrigin = AuditLogOrigin.For(TestParties.Yunnan);

        private readonly EnvelopeHeader header = EnvelopeHeader.Parser.ParseFrom(SealedEnvelope.Parser.ParseFrom(envelope).Header);
        private readonly ReceiptSigner yunnanReceipts = new(pair.Agreement.Agreement, pair.Agreement.Yunnan, TimeProvider.System);

        public INoteSigner YunnanKey { get; } = CheckpointIssuer.SigningIdentity(pair.Agreement.Agreement, pair.Agreement.Yunnan, TimeProvider.System).Signer;

        public INoteSigner LaoCaiKey { get; } = CheckpointIssuer.SigningIdentity(pair.Agreement.Agreement, pair.Agreement.LaoCai, TimeProvider.System).Signer;

        /// <summary>An acceptance receipt signed by Yunnan's node key, naming <paramref name="position"/>.</summary>
        public byte[] Receipt(LogPosition? position) => yunnanReceipts.Sign(envelope, header, RejectionReason.Unspecified, position);
    }

    private static MerkleHash LeafHash(AuditEntry entry) =>
        Rfc6962.HashLeaf(Storage.Internal.AuditHashing.Canonical(new Storage.Internal.AuditRow(
            entry.Seq, Storage.Internal.DbValues.Millis(entry.RecordedAt), entry.EventType.ToString(), entry.EnvelopeId, entry.PeerNode, entry.ReasonCode,
            entry.Detail, entry.Hash.ToArray(), entry.Actor, entry.Subject, entry.FormatVersion)));
}
