using System.Security.Cryptography;
using Liaison.Audit.Merkle;
using Liaison.Audit.Witnessing;
using Liaison.Crypto.Envelopes;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Witnessing;

namespace Liaison.Gateway.Tests;

/// <summary>The cross-witnessing state (migration 5) as the store keeps it, on both dialects.</summary>
public abstract partial class GatewayStoreContract
{
    private static readonly string PartnerOrigin = AuditLogOrigin.For(TestParties.Yunnan);

    [Fact]
    public async Task PendingWitnessingMessagesAreTheInboundAuditMessagesAfterTheCursorInArrivalOrder()
    {
        var store = await OpenAsync();
        var checkpoint = await ArriveOfTypeAsync(store, 1, WitnessingMessageTypes.Checkpoint);
        await ArriveOfTypeAsync(store, 2, TestParties.MessageType);
        var cosignature = await ArriveOfTypeAsync(store, 3, WitnessingMessageTypes.Cosignature);
        await SubmitAsync(store, "not-inbound");

        var pending = await store.ListPendingWitnessingAsync(10);

        Assert.Equal([checkpoint, cosignature], pending.Select(p => p.EnvelopeId));
        Assert.Equal(
            [(WitnessingMessageTypes.Checkpoint, TestParties.LaoCai, MessageState.Stored), (WitnessingMessageTypes.Cosignature, TestParties.LaoCai, MessageState.Stored)],
            pending.Select(p => (p.MessageType, p.PeerNode, p.State)));
        Assert.True(pending[0].Arrival < pending[1].Arrival);
        Assert.Equal([checkpoint], (await store.ListPendingWitnessingAsync(1)).Select(p => p.EnvelopeId));

        // A step moves the cursor past the message it handled, and only the others stay pending.
        await store.RecordWitnessingAsync(new WitnessingStep(pending[0].Arrival));
        Assert.Equal([cosignature], (await store.ListPendingWitnessingAsync(10)).Select(p => p.EnvelopeId));
        await store.RecordWitnessingAsync(new WitnessingStep(pending[1].Arrival));
        Assert.Empty(await store.ListPendingWitnessingAsync(10));
    }

    [Fact]
    public async Task WitnessedCheckpointsAreKeptPerOriginAndSizeAndTheLargestIsTheWitnessState()
    {
        var store = await OpenAsync();
        var arrived = await ArriveOfTypeAsync(store, 1, WitnessingMessageTypes.Checkpoint);
        var arrival = (await store.ListPendingWitnessingAsync(1))[0].Arrival;
        var at = DbTime(Parties.Time.GetUtcNow());
        var small = new WitnessedCheckpoint(PartnerOrigin, 5, Hash("five"), "note of five", arrived, at);
        var large = small with { TreeSize = 9, Root = Hash("nine"), CosignedNote = "note of nine" };
        var other = small with { Origin = AuditLogOrigin.For(TestParties.LuangNamtha), TreeSize = 20, Root = Hash("twenty") };

        await store.RecordWitnessingAsync(new WitnessingStep(arrival) { Witnessed = small, Event = AuditEventType.CheckpointCosigned, EnvelopeId = arrived, PeerNode = TestParties.LaoCai, Detail = "size 5" });
        await store.RecordWitnessingAsync(new WitnessingStep(arrival) { Witnessed = large });
        await store.RecordWitnessingAsync(new WitnessingStep(arrival) { Witnessed = other });
        // The same size again changes nothing: the first checkpoint cosigned at a size is the evidence.
        await store.RecordWitnessingAsync(new WitnessingStep(arrival) { Witnessed = small with { Root = Hash("another five") } });

        Assert.Equal(large, await store.GetWitnessedCheckpointAsync(PartnerOrigin, null));
        Assert.Equal(small, await store.GetWitnessedCheckpointAsync(PartnerOrigin, 5));
        Assert.Null(await store.GetWitnessedCheckpointAsync(PartnerOrigin, 6));
        Assert.Equal(other, await store.GetWitnessedCheckpointAsync(other.Origin, null));
        Assert.Null(await store.GetWitnessedCheckpointAsync(AuditLogOrigin.For("nobody"), null));
        var audited = Assert.Single(await store.ReadAuditAsync(1, 100), e => e.EventType == AuditEventType.CheckpointCosigned);
        Assert.Equal((arrived, TestParties.LaoCai, "size 5"), (audited.EnvelopeId!.Value, audited.PeerNode, audited.Detail));
    }

    [Fact]
    public async Task CosignaturesAreListedBySizeAndTheCosignedSizeIsTheLargestOfTheWitness()
    {
        var store = await OpenAsync();
        var arrived = await ArriveOfTypeAsync(store, 1, WitnessingMessageTypes.Cosignature);
        var arrival = (await store.ListPendingWitnessingAsync(1))[0].Arrival;
        var at = DbTime(Parties.Time.GetUtcNow());
        var cosignatures = new[]
        {
            new StoredCosignature(7, TestParties.Yunnan, "cosigned seven", arrived, at),
            new StoredCosignature(3, TestParties.Yunnan, "cosigned three", arrived, at),
            new StoredCosignature(5, TestParties.LuangNamtha, "cosigned five", arrived, at),
        };

        Assert.Equal(0, await store.GetCosignedSizeAsync(TestParties.Yunnan));
        foreach (var cosignature in cosignatures)
        {
            await store.RecordWitnessingAsync(new WitnessingStep(arrival) { Cosignature = cosignature });
        }

        await store.RecordWitnessingAsync(new WitnessingStep(arrival) { Cosignature = cosignatures[0] with { Note = "a second cosignature of seven" } });

        Assert.Equal(7, await store.GetCosignedSizeAsync(TestParties.Yunnan));
        Assert.Equal(5, await store.GetCosignedSizeAsync(TestParties.LuangNamtha));
        Assert.Equal(0, await store.GetCosignedSizeAsync("nobody"));
        Assert.Equal([cosignatures[1], cosignatures[2], cosignatures[0]], await store.ListCosignaturesAsync(0, 10));
        Assert.Equal([cosignatures[2], cosignatures[0]], await store.ListCosignaturesAsync(4, 10));
        Assert.Equal([cosignatures[1]], await store.ListCosignaturesAsync(0, 1));
    }

    [Fact]
    public async Task WitnessAlertsKeepBothCheckpointsAndTheProofInTheOrderRaised()
    {
        var store = await OpenAsync();
        var arrived = await ArriveOfTypeAsync(store, 1, WitnessingMessageTypes.Checkpoint);
        var arrival = (await store.ListPendingWitnessingAsync(1))[0].Arrival;
        var at = DbTime(Parties.Time.GetUtcNow());
        var fork = new WitnessAlert(PartnerOrigin, TestParties.LaoCai, WitnessVerdict.Fork, "seen note", "presented note", [], "two roots at size 5", arrived, at);
        var rewrite = fork with { Kind = WitnessVerdict.InconsistentProof, ConsistencyProof = [Hash("a"), Hash("b")], Reason = "no proof from 5 to 9" };

        Assert.Empty(await store.ListWitnessAlertsAsync());
        await store.RecordWitnessingAsync(new WitnessingStep(arrival) { Alert = fork, Event = AuditEventType.WitnessAlertRaised, EnvelopeId = arrived, PeerNode = TestParties.LaoCai, ReasonCode = "fork" });
        await store.RecordWitnessingAsync(new WitnessingStep(arrival) { Alert = rewrite });

        var alerts = await store.ListWitnessAlertsAsync();
        Assert.Equal(2, alerts.Count);
        Assert.Equal(
            (fork.Origin, fork.Witness, fork.Kind, fork.SeenNote, fork.PresentedNote, fork.Reason, fork.EnvelopeId, fork.RaisedAt),
            (alerts[0].Origin, alerts[0].Witness, alerts[0].Kind, alerts[0].SeenNote, alerts[0].PresentedNote, alerts[0].Reason, alerts[0].EnvelopeId, alerts[0].RaisedAt));
        Assert.Empty(alerts[0].ConsistencyProof);
        Assert.Equal(rewrite.ConsistencyProof, alerts[1].ConsistencyProof);
        Assert.Equal((WitnessVerdict.InconsistentProof, "no proof from 5 to 9"), (alerts[1].Kind, alerts[1].Reason));
        Assert.Contains(await store.ReadAuditAsync(1, 100), e => e.EventType == AuditEventType.WitnessAlertRaised && e.ReasonCode == "fork");
    }

    [Fact]
    public async Task TheLatestCheckpointAndWhetherTheLogGrewBesidesTheWitnessingsOwnTraffic()
    {
        var store = await OpenAsync();
        Assert.Null(await store.GetLatestAuditCheckpointAsync());
        await ArriveOfTypeAsync(store, 1, WitnessingMessageTypes.Checkpoint);
        var afterWitnessing = (await store.GetAuditTreeHeadAsync()).Size;

        // Only the witnessing's own message so far: nothing worth a new checkpoint.
        Assert.False(await store.HasAuditEntriesBesidesWitnessingAsync(0));
        await ArriveOfTypeAsync(store, 2, TestParties.MessageType);
        Assert.True(await store.HasAuditEntriesBesidesWitnessingAsync(0));
        Assert.True(await store.HasAuditEntriesBesidesWitnessingAsync(afterWitnessing));
        Assert.False(await store.HasAuditEntriesBesidesWitnessingAsync((await store.GetAuditTreeHeadAsync()).Size));

        var first = await IssuerFor(store).SweepOnceAsync(CancellationToken.None);
        await ArriveOfTypeAsync(store, 3, TestParties.MessageType);
        var second = await IssuerFor(store).SweepOnceAsync(CancellationToken.None);
        Assert.NotNull(first);
        Assert.Equal(second, await store.GetLatestAuditCheckpointAsync());
    }

    /// <summary>An envelope of <paramref name="messageType"/> from Lao Cai, stored as the store's node receives it.</summary>
    private async Task<Guid> ArriveOfTypeAsync(GatewayStore store, ulong sequence, string messageType)
    {
        var envelope = Parties.LaoCaiSealer.Seal(new SealRequest(TestParties.Yunnan, messageType, TestParties.Payload(64, (int)sequence)) { CaseReference = "LC-2026-0042", Sequence = sequence }).Bytes;
        var (record, receipt) = Parties.Arrive(envelope);
        return (await store.RecordInboundAsync(record, receipt)).Message.EnvelopeId;
    }

    private static MerkleHash Hash(string text) => MerkleHash.FromBytes(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>The store keeps milliseconds.</summary>
    private static DateTimeOffset DbTime(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
