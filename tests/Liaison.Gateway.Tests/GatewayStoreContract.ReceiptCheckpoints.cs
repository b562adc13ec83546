using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Liaison.Audit.Checkpoints;
using Liaison.Audit.Merkle;
using Liaison.Audit.Notes;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.V1;
using Liaison.Envelope.V1;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Witnessing;

namespace Liaison.Gateway.Tests;

/// <summary>
/// Receipts that name the receiver's audit entry for the envelope and carry a checkpoint covering
/// it (deploy/audit-log.md, "Receipts"): signed at the end of the write batch, one checkpoint per
/// batch, committed with the envelope or not at all; and the sender's copy of that position.
/// </summary>
public abstract partial class GatewayStoreContract
{
    [Fact]
    public async Task AReceiptNamesTheEntryThatStoredTheEnvelopeAndACheckpointThatProvablyCoversIt()
    {
        var store = await OpenAsync();
        var envelope = Parties.SealToYunnan(1);
        var (record, signing) = ArriveSigningLater(envelope);

        var result = await store.RecordInboundWithReceiptAsync(record, signing);

        Assert.True(result.ReceiptQueued);
        var receipt = result.Message.ReceiptBytes!.Value.ToArray();
        Assert.True(Parties.LaoCaiReceiptVerifier.Verify(receipt, envelope).IsValid);
        Assert.True((await store.GetAsync(record.EnvelopeId))!.ReceiptBytes!.Value.Span.SequenceEqual(receipt));
        var queued = Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
        Assert.True(queued.Bytes.Span.SequenceEqual(receipt));

        var position = PositionIn(receipt);
        var stored = Assert.Single(await store.ReadAuditAsync(1, 100), e => e.EventType == AuditEventType.Stored);
        Assert.Equal((ulong)(stored.Seq - 1), position.LeafIndex);
        var checkpoint = SignedCheckpoint.Parse(position.Checkpoint);
        Assert.Equal(NoteVerification.Verified, checkpoint.Verify(new NodeNoteVerifier(Parties.Agreement, TestParties.LaoCai, Suite.InternationalV1, Parties.Time.GetUtcNow())));
        Assert.Equal(Origin, checkpoint.Checkpoint.Origin);
        Assert.True(checkpoint.Checkpoint.Size > position.LeafIndex);
        Assert.Equal(position.Checkpoint, Assert.Single(await store.ListAuditCheckpointsAsync(0, 10)).Note);
        var proof = await store.GetAuditInclusionProofAsync(stored.Seq, (long)checkpoint.Checkpoint.Size);
        Assert.True(MerkleVerifier.VerifyInclusion(position.LeafIndex, checkpoint.Checkpoint.Size, LeafOf(stored), proof.Path, checkpoint.Checkpoint.Root));

        Assert.Equal(
            new ReceiptLogPosition(TestParties.LaoCai, stored.Seq - 1, (long)checkpoint.Checkpoint.Size, position.Checkpoint),
            await store.GetReceiptLogPositionAsync(record.EnvelopeId));
    }

    [Fact]
    public async Task TheArrivalsOfOneWriteBatchShareOneCheckpointAndEachNamesItsOwnEntry()
    {
        var store = await OpenAsync();
        var (held, release) = await HoldWriterAsync(store);
        var arrivals = Enumerable.Range(1, 5).Select(i => ArriveSigningLater(Parties.SealToYunnan((ulong)i))).ToList();
        var recorded = arrivals.Select(a => store.RecordInboundWithReceiptAsync(a.Record, a.Signing)).ToList();
        release.Set();
        await held;
        var results = await Task.WhenAll(recorded);

        var positions = results.Select(r => PositionIn(r.Message.ReceiptBytes!.Value.ToArray())).ToList();
        Assert.Single(positions.Select(p => p.Checkpoint).Distinct());
        Assert.Single(await store.ListAuditCheckpointsAsync(0, 10));
        var audit = await store.ReadAuditAsync(1, 1000);
        foreach (var (result, position) in results.Zip(positions))
        {
            var stored = Assert.Single(audit, e => e.EventType == AuditEventType.Stored && e.EnvelopeId == result.Message.EnvelopeId);
            Assert.Equal((ulong)(stored.Seq - 1), position.LeafIndex);
        }
    }

    [Fact]
    public async Task TheReceiptsOfOneWriteBatchShareOneSignatureAndEachVerifiesOnItsOwn()
    {
        var store = await OpenAsync();
        var (held, release) = await HoldWriterAsync(store);
        var envelopes = Enumerable.Range(1, 4).Select(i => Parties.SealToYunnan((ulong)i)).ToList();
        // One arrival signs its receipt alone: it stays in the single-receipt form, beside the batch.
        var arrivals = envelopes.Select((e, i) => ArriveSigningLater(e, batched: i != 2)).ToList();
        var recorded = arrivals.Select(a => store.RecordInboundWithReceiptAsync(a.Record, a.Signing)).ToList();
        release.Set();
        await held;
        var receipts = (await Task.WhenAll(recorded)).Select(r => r.Message.ReceiptBytes!.Value.ToArray()).ToList();

        var signed = receipts.Select(r => SignedReceipt.Parser.ParseFrom(r)).ToList();
        Assert.Equal([0ul, 1, 2], signed.Where(s => s.Batch is not null).Select(s => s.Batch.LeafIndex));
        Assert.All(signed.Where(s => s.Batch is not null), s => Assert.Equal(3ul, s.Batch.BatchSize));
        Assert.Null(signed[2].Batch);
        Assert.Single(signed.Where(s => s.Batch is not null).Select(s => s.Signatures[0].Value).Distinct());
        foreach (var (receipt, envelope) in receipts.Zip(envelopes))
        {
            Assert.True(Parties.LaoCaiReceiptVerifier.Verify(receipt, envelope).IsValid);
        }
    }

    [Fact]
    public async Task ARefusedEnvelopesReceiptNamesTheEntryThatRejectedIt()
    {
        var store = await OpenAsync();
        var (record, signing) = ArriveSigningLater(Tampered(Parties.SealToYunnan(1)));

        var result = await store.RecordInboundWithReceiptAsync(record, signing);

        Assert.Equal(MessageState.Rejected, result.Message.State);
        var rejected = Assert.Single(await store.ReadAuditAsync(1, 100), e => e.EventType == AuditEventType.Rejected);
        var position = PositionIn(result.Message.ReceiptBytes!.Value.ToArray());
        Assert.Equal((ulong)(rejected.Seq - 1), position.LeafIndex);
        Assert.Equal(ReceiptStatus.Rejected, Receipt.Parser.ParseFrom(SignedReceipt.Parser.ParseFrom(result.Message.ReceiptBytes!.Value.Span).Receipt).Status);
    }

    [Fact]
    public async Task AnAuthenticDuplicateIsAnsweredWithTheOriginalReceiptAndItsPosition()
    {
        var store = await OpenAsync();
        var envelope = Parties.SealToYunnan(1);
        var (record, signing) = ArriveSigningLater(envelope);
        var first = await store.RecordInboundWithReceiptAsync(record, signing);
        var claimed = Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
        await store.MarkPublishedAsync([claimed.Id], Parties.Time.GetUtcNow());
        Parties.Time.Advance(TimeSpan.FromMinutes(5));
        var (again, signAgain) = ArriveSigningLater(envelope);

        var replay = await store.RecordInboundWithReceiptAsync(again, signAgain);

        Assert.True(replay.IsDuplicate);
        Assert.True(replay.ReceiptQueued);
        var resent = Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));
        Assert.True(resent.Bytes.Span.SequenceEqual(first.Message.ReceiptBytes!.Value.Span));
        Assert.Single(await store.ListAuditCheckpointsAsync(0, 10));
    }

    [Fact]
    public Task AnEnvelopeIsNeverStoredWithoutItsReceipt_AFailingSignatureFailsTheArrivalAloneAndStoresNothingOfIt() =>
        AFailingReceiptSignatureFailsOnlyItsArrivalAsync(signing => signing with { Sign = (_, _) => throw new InvalidOperationException("The receipt key is gone."), Batch = null });

    [Fact]
    public Task AReceiptThatCannotBeSignedInItsBatchFailsOnlyItsArrival_TheOthersAreSignedAgainWithoutIt() =>
        AFailingReceiptSignatureFailsOnlyItsArrivalAsync(signing => signing with
        {
            Batch = new BatchReceiptSigning(Parties.YunnanReceipts, (_, _) => throw new InvalidOperationException("The receipt key is gone.")),
        });

    /// <summary>Two arrivals in one write batch, the second's receipt signing made to fail by <paramref name="fail"/>.</summary>
    private async Task AFailingReceiptSignatureFailsOnlyItsArrivalAsync(Func<InboundReceiptSigning, InboundReceiptSigning> fail)
    {
        var store = await OpenAsync();
        var (held, release) = await HoldWriterAsync(store);
        var goodEnvelope = Parties.SealToYunnan(1);
        var (good, goodSigning) = ArriveSigningLater(goodEnvelope);
        var (bad, badSigning) = ArriveSigningLater(Parties.SealToYunnan(2));
        var goodTask = store.RecordInboundWithReceiptAsync(good, goodSigning);
        var badTask = store.RecordInboundWithReceiptAsync(bad, fail(badSigning));
        release.Set();
        await held;

        await Assert.ThrowsAsync<InvalidOperationException>(() => badTask);
        Assert.True(Parties.LaoCaiReceiptVerifier.Verify((await goodTask).Message.ReceiptBytes!.Value.Span, goodEnvelope).IsValid);
        Assert.Null(await store.GetAsync(bad.EnvelopeId));
        Assert.Empty(await AuditTypesAsync(store, bad.EnvelopeId));
        Assert.Null(await store.GetReceiptLogPositionAsync(bad.EnvelopeId));
        var queued = Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()), o => o.Kind == OutboxKind.Receipt);
        Assert.Equal(good.EnvelopeId, queued.EnvelopeId);
    }

    [Fact]
    public async Task ACheckpointIssuedLaterInTheSameBatchIsTheOneTheReceiptCarries()
    {
        var store = await OpenAsync();
        var (held, release) = await HoldWriterAsync(store);
        var (record, signing) = ArriveSigningLater(Parties.SealToYunnan(1));
        var recorded = store.RecordInboundWithReceiptAsync(record, signing);
        var issued = store.IssueAuditCheckpointAsync(Origin, signing.CheckpointSigner);
        release.Set();
        await held;

        var checkpoint = await issued;
        Assert.NotNull(checkpoint);
        Assert.Equal(checkpoint.Note, PositionIn((await recorded).Message.ReceiptBytes!.Value.ToArray()).Checkpoint);
        Assert.Single(await store.ListAuditCheckpointsAsync(0, 10));
    }

    [Fact]
    public async Task AWitnessComparesACheckpointItIsAskedToCosignWithThoseThePartnersReceiptsCarriedAtThatSize()
    {
        var store = await OpenAsync();
        var yunnanNotes = CheckpointIssuer.SigningIdentity(Parties.Agreement, Parties.YunnanKeys, Parties.Time).Signer;
        SignedCheckpoint Checkpoint(string log) =>
            SignedCheckpoint.Sign(new Checkpoint(AuditLogOrigin.For(TestParties.Yunnan), 42, MerkleHash.FromBytes(SHA256.HashData(Encoding.UTF8.GetBytes(log)))), yunnanNotes);
        var shownInReceipts = Checkpoint("the log Yunnan's receipts showed");
        var submitted = await SubmitAsync(store, "shown-in-a-receipt-first");
        var (_, receipt) = Parties.Arrive(submitted.Message.EnvelopeBytes.ToArray());
        await store.RecordReceiptAsync(submitted.Message.EnvelopeId, receipt, ReceiptStatus.Accepted, RejectionReason.Unspecified,
            new ReceiptLogPosition(TestParties.Yunnan, 41, 42, shownInReceipts.ToString()), Parties.Time.GetUtcNow());
        var laoCaiNotes = CheckpointIssuer.SigningIdentity(Parties.Agreement, Parties.LaoCaiKeys, Parties.Time).Signer;
        var witness = new CheckpointWitnessing(new GatewayNode(Parties.Agreement, Parties.LaoCaiKeys, Parties.Time), store, laoCaiNotes, Parties.Time);
        Task<(Audit.V1.WitnessAnswer Answer, WitnessingStep Step)> PresentAsync(SignedCheckpoint checkpoint) => witness.JudgeAsync(
            new WitnessingMessage(1, Guid.CreateVersion7(), TestParties.Yunnan, WitnessingMessageTypes.Checkpoint, MessageState.Stored),
            new Audit.V1.CheckpointForWitness { Note = checkpoint.ToString(), FromSize = 0 }.ToByteArray(),
            CancellationToken.None);

        // Another root at the size a receipt showed: a fork, with the receipt's checkpoint as evidence, and nothing cosigned.
        var (forked, step) = await PresentAsync(Checkpoint("another log of the same size"));
        Assert.Equal(Audit.V1.WitnessAlertKind.Fork, forked.Alert.Kind);
        Assert.Equal(shownInReceipts.ToString(), forked.Alert.SeenNote);
        Assert.Empty(forked.CosignedNote);
        Assert.Equal((AuditEventType.WitnessAlertRaised, "fork"), (step.Event, step.ReasonCode));

        // The root the receipts showed is cosigned.
        var (consistent, cosigned) = await PresentAsync(shownInReceipts);
        Assert.Null(consistent.Alert);
        Assert.NotEmpty(consistent.CosignedNote);
        Assert.Equal(AuditEventType.CheckpointCosigned, cosigned.Event);
    }

    [Fact]
    public async Task TheSenderKeepsTheReceiversPositionWithTheReceiptButNotFromADuplicateReceipt()
    {
        var store = await OpenAsync();
        var submitted = await SubmitAsync(store, "positioned");
        var (_, receipt) = Parties.Arrive(submitted.Message.EnvelopeBytes.ToArray());
        var position = new ReceiptLogPosition(TestParties.Yunnan, 41, 42, "liaison.example/cn-yunnan/audit\n42\nAAAA\n\n— cn-yunnan x\n");

        var result = await store.RecordReceiptAsync(submitted.Message.EnvelopeId, receipt, ReceiptStatus.Accepted, RejectionReason.Unspecified, position, Parties.Time.GetUtcNow());
        var again = await store.RecordReceiptAsync(submitted.Message.EnvelopeId, receipt, ReceiptStatus.Accepted, RejectionReason.Unspecified, position with { LeafIndex = 50, TreeSize = 60 }, Parties.Time.GetUtcNow());

        Assert.Equal(MessageState.Delivered, result.Message.State);
        Assert.True(again.IsDuplicate);
        Assert.Equal(position, await store.GetReceiptLogPositionAsync(submitted.Message.EnvelopeId));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordReceiptAsync(submitted.Message.EnvelopeId, receipt, ReceiptStatus.Accepted, RejectionReason.Unspecified, position with { TreeSize = 41 }, Parties.Time.GetUtcNow()));
    }

    /// <summary>An envelope from Lao Cai as the store's node receives it, with the receipt signed once its entry has an index.</summary>
    /// <param name="batched">True to have it signed with the batch's other receipts, as the gateway does; false to sign it alone.</param>
    private (InboundRecord Record, InboundReceiptSigning Signing) ArriveSigningLater(byte[] envelope, bool batched = true)
    {
        var opened = Parties.YunnanOpener.Open(envelope);
        Assert.True(InboundRecord.TryFrom(opened, envelope, out var record));
        var signer = new NodeNoteSigner(Parties.Agreement, Parties.LaoCaiKeys, Suite.InternationalV1, Parties.Time);
        static LogPosition Position(long leafIndex, AuditCheckpoint checkpoint) => new() { LeafIndex = (ulong)leafIndex, Checkpoint = checkpoint.Note };
        return (record, new InboundReceiptSigning(TestParties.LaoCai, signer, (leafIndex, checkpoint) =>
            Parties.YunnanReceipts.Sign(envelope, opened.Header!, opened.Reason, Position(leafIndex, checkpoint)))
        {
            Batch = batched
                ? new BatchReceiptSigning(Parties.YunnanReceipts, (leafIndex, checkpoint) => new ReceiptRequest(envelope, opened.Header!, opened.Reason, Position(leafIndex, checkpoint)))
                : null,
        });
    }

    private static LogPosition PositionIn(byte[] signedReceipt) =>
        Receipt.Parser.ParseFrom(SignedReceipt.Parser.ParseFrom(signedReceipt).Receipt).ReceiverLog
            ?? throw new Xunit.Sdk.XunitException("The receipt carries no log position.");
}
