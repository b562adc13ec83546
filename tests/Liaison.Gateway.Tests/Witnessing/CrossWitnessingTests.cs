using Google.Protobuf;
using Liaison.Audit.Checkpoints;
using Liaison.Audit.Merkle;
using Liaison.Audit.Notes;
using Liaison.Audit.V1;
using Liaison.Audit.Witnessing;
using Liaison.Crypto.V1;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Witnessing;
using Liaison.Testing;
using Microsoft.Data.Sqlite;
using static Liaison.Gateway.Tests.Messaging.ExchangeScenario;

namespace Liaison.Gateway.Tests.Witnessing;

/// <summary>Two gateways witnessing each other's audit logs over the real envelope exchange (in memory), with real keys.</summary>
public sealed class CrossWitnessingTests
{
    [Theory]
    [InlineData(Suite.InternationalV1)]
    [InlineData(Suite.GmV1)]
    public async Task EachSidesCheckpointComesBackCosignedByThePartnerAndIsStored(Suite suite)
    {
        await using var pair = await WitnessingPair.StartAsync(suite);
        var sent = await pair.LaoCai.Submitter.SubmitAsync(Request("witnessed-" + suite));
        await UntilDeliveredAsync(pair.LaoCai, [sent.Message.EnvelopeId], WitnessingPair.Deadline);

        foreach (var (origin, witness) in new[] { (pair.LaoCai, TestParties.Yunnan), (pair.Yunnan, TestParties.LaoCai) })
        {
            var cosignature = await Polling.UntilAsync(
                async () => FirstOf(await origin.Store.ListCosignaturesAsync(0, 10)),
                c => c is not null,
                WitnessingPair.Deadline,
                $"a cosignature by {witness} stored on {origin.Node.NodeId}");
            Assert.Equal(witness, cosignature!.Witness);
            var note = SignedCheckpoint.Parse(cosignature.Note);
            var checkpoint = Assert.Single(await origin.Store.ListAuditCheckpointsAsync(cosignature.TreeSize, 1));
            Assert.Equal(cosignature.TreeSize, checkpoint.TreeSize);
            Assert.Equal(checkpoint.Root, note.Checkpoint.Root);
            Assert.Equal(AuditLogOrigin.For(origin.Node.NodeId), note.Checkpoint.Origin);
            var key = new NodeCosignatureVerifier(pair.Agreement.Agreement, witness, suite, DateTimeOffset.UtcNow);
            Assert.Equal(NoteVerification.Verified, note.Verify(key));
            Assert.Equal(NoteVerification.Verified, note.Verify(new NodeNoteVerifier(pair.Agreement.Agreement, origin.Node.NodeId, suite, DateTimeOffset.UtcNow)));
            Assert.Contains(await AuditAsync(origin), e => e.EventType == AuditEventType.CosignatureStored);
        }

        // The witness keeps what it cosigned, as the state the next checkpoint is checked against.
        var witnessed = await pair.Yunnan.Store.GetWitnessedCheckpointAsync(AuditLogOrigin.For(TestParties.LaoCai), null);
        Assert.NotNull(witnessed);
        Assert.Contains(await AuditAsync(pair.Yunnan), e => e.EventType == AuditEventType.CheckpointCosigned);
        Assert.Empty(await pair.LaoCai.Store.ListWitnessAlertsAsync());
        Assert.Empty(await pair.Yunnan.Store.ListWitnessAlertsAsync());
    }

    [Fact]
    public async Task AForkedLogIsDetectedByTheWitnessAndAlertedOnBothSidesWithBothCheckpointsKept()
    {
        await using var pair = await WitnessingPair.StartAsync(Suite.InternationalV1);
        var sent = await pair.LaoCai.Submitter.SubmitAsync(Request("before-the-fork"));
        await UntilDeliveredAsync(pair.LaoCai, [sent.Message.EnvelopeId], WitnessingPair.Deadline);
        var cosigned = await Polling.UntilAsync(
            () => pair.Yunnan.Store.GetWitnessedCheckpointAsync(AuditLogOrigin.For(TestParties.LaoCai), null),
            w => w is not null,
            WitnessingPair.Deadline,
            "a checkpoint of Lao Cai's log cosigned by Yunnan");

        // Lao Cai's real key signs a second checkpoint of the same size over another root: a second view of its log.
        var signer = CheckpointIssuer.SigningIdentity(pair.Agreement.Agreement, pair.Agreement.LaoCai, TimeProvider.System).Signer;
        var otherRoot = MerkleHash.FromBytes(System.Security.Cryptography.SHA256.HashData("another history"u8));
        var forged = SignedCheckpoint.Sign(new Checkpoint(AuditLogOrigin.For(TestParties.LaoCai), (ulong)cosigned!.TreeSize, otherRoot), signer).ToString();
        var request = new CheckpointForWitness { Note = forged, FromSize = (ulong)cosigned.TreeSize };
        await pair.LaoCai.Submitter.SubmitAsync(new SubmitRequest("forged-checkpoint", TestParties.Yunnan, WitnessingMessageTypes.Checkpoint, request.ToByteArray()));

        var raised = await Polling.UntilAsync(
            async () => FirstOf(await pair.Yunnan.Store.ListWitnessAlertsAsync()),
            a => a is not null,
            WitnessingPair.Deadline,
            "a witness alert on Yunnan");
        Assert.Equal(WitnessVerdict.Fork, raised!.Kind);
        Assert.Equal(AuditLogOrigin.For(TestParties.LaoCai), raised.Origin);
        Assert.Equal(TestParties.Yunnan, raised.Witness);
        Assert.Equal(cosigned.Root, SignedCheckpoint.Parse(raised.SeenNote).Checkpoint.Root);
        Assert.Equal(forged, raised.PresentedNote);
        Assert.Contains(await AuditAsync(pair.Yunnan), e => e.EventType == AuditEventType.WitnessAlertRaised && e.ReasonCode == "fork");

        // The forged checkpoint was never cosigned: the witness state still holds the first one.
        Assert.Equal(cosigned.Root, (await pair.Yunnan.Store.GetWitnessedCheckpointAsync(AuditLogOrigin.For(TestParties.LaoCai), cosigned.TreeSize))!.Root);

        var received = await Polling.UntilAsync(
            async () => FirstOf(await pair.LaoCai.Store.ListWitnessAlertsAsync()),
            a => a is not null,
            WitnessingPair.Deadline,
            "the witness alert stored on Lao Cai");
        Assert.Equal(WitnessVerdict.Fork, received!.Kind);
        Assert.Equal(TestParties.Yunnan, received.Witness);
        Assert.Equal(raised.SeenNote, received.SeenNote);
        Assert.Equal(forged, received.PresentedNote);
        Assert.Contains(await AuditAsync(pair.LaoCai), e => e.EventType == AuditEventType.WitnessAlertReceived && e.ReasonCode == "fork");
        Assert.DoesNotContain((await pair.LaoCai.Store.ListCosignaturesAsync(0, 100)), c => c.Note.Contains(otherRoot.ToBase64(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhileThePartnerIsUnreachableMessagesAreStillAcceptedAndTheCosignatureArrivesOnceItIsBack()
    {
        await using var pair = await WitnessingPair.StartAsync(Suite.InternationalV1);
        await pair.Link.StopAsync(CancellationToken.None);

        var submitted = await pair.LaoCai.Submitter.SubmitAsync(Request("while-cut-off"));
        Assert.False(submitted.IsReplay);
        // The witnessing offers its checkpoint meanwhile; it waits in the queue like any envelope.
        await Polling.UntilAsync(
            async () => (await pair.LaoCai.Store.GetByRequestIdAsync(submitted.Message.RequestId!)) is { State: MessageState.Published }
                && (await InboxAsync(pair.Yunnan)).Count == 0
                && (await pair.LaoCai.Store.GetLatestAuditCheckpointAsync()) is not null,
            WitnessingPair.Deadline,
            "the message published and a checkpoint issued while the link is down");
        Assert.Empty(await pair.LaoCai.Store.ListCosignaturesAsync(0, 10));

        await pair.Link.StartAsync(CancellationToken.None);
        await UntilDeliveredAsync(pair.LaoCai, [submitted.Message.EnvelopeId], WitnessingPair.Deadline);
        var cosignature = await Polling.UntilAsync(
            async () => FirstOf(await pair.LaoCai.Store.ListCosignaturesAsync(0, 10)),
            c => c is not null,
            WitnessingPair.Deadline,
            "a cosignature once the link is back");
        Assert.Equal(TestParties.Yunnan, cosignature!.Witness);
    }

    [Fact]
    public async Task AuditVerifyChecksTheStoredCosignaturesAndNamesAChangedOne()
    {
        await using var pair = await WitnessingPair.StartAsync(Suite.InternationalV1);
        var sent = await pair.LaoCai.Submitter.SubmitAsync(Request("to-verify"));
        await UntilDeliveredAsync(pair.LaoCai, [sent.Message.EnvelopeId], WitnessingPair.Deadline);
        var cosignature = await Polling.UntilAsync(
            async () => FirstOf(await pair.LaoCai.Store.ListCosignaturesAsync(0, 10)),
            c => c is not null,
            WitnessingPair.Deadline,
            "a cosignature stored on Lao Cai");
        await pair.StopLaoCaiAsync();
        var store = new StoreOptions { Provider = StoreProvider.Sqlite, DataDirectory = pair.LaoCaiDirectory };

        var intact = await AuditLogVerifier.VerifyAsync(store, pair.Agreement.Agreement, TestParties.LaoCai);
        Assert.True(intact.IsIntact, string.Join(" ", intact.Problems.Select(p => p.Description)));

        // One byte of the cosignature line changed: its signature no longer holds.
        var note = cosignature!.Note;
        var line = note.LastIndexOf("\u2014 " + TestParties.Yunnan + " ", StringComparison.Ordinal);
        var at = line + 2 + TestParties.Yunnan.Length + 1 + 20;
        var altered = note[..at] + (note[at] == 'A' ? 'B' : 'A') + note[(at + 1)..];
        await ExecuteAsync(pair.LaoCaiDirectory, "DROP TRIGGER cosignatures_no_update", ("note", altered), ("size", cosignature.TreeSize));

        var report = await AuditLogVerifier.VerifyAsync(store, pair.Agreement.Agreement, TestParties.LaoCai);
        var problem = Assert.Single(report.Problems);
        Assert.Equal(cosignature.TreeSize, problem.CheckpointSize);
        Assert.Equal($"The cosignature of checkpoint {cosignature.TreeSize} by {TestParties.Yunnan} does not verify with the key of {TestParties.Yunnan} in the agreement: it was altered or forged.", problem.Description);
    }

    private static T? FirstOf<T>(IReadOnlyList<T> items)
        where T : class => items.Count > 0 ? items[0] : null;

    private static async Task ExecuteAsync(string directory, string dropGuard, (string Name, string Value) note, (string Name, long Value) size)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "gateway.db"), Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var drop = connection.CreateCommand();
        drop.CommandText = dropGuard;
        await drop.ExecuteNonQueryAsync();
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE cosignatures SET note = @note WHERE tree_size = @size";
        update.Parameters.AddWithValue("@" + note.Name, note.Value);
        update.Parameters.AddWithValue("@" + size.Name, size.Value);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }
}
