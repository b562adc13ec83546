using Liaison.Gateway.Storage;
using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Tests;

public abstract partial class GatewayStoreContract
{
    [Fact]
    public async Task AReopenedStoreKeepsEverythingAndCarriesOn()
    {
        var store = await OpenAsync();
        await MixedWorkloadAsync(store);
        var sent = (await SubmitAsync(store, "req-kept", seed: 42)).Message;
        var inbox = await store.ListInboxAsync(new InboxQuery(10));
        var audit = await store.ReadAuditAsync(1, 1000);
        await store.DisposeAsync();

        var reopened = await OpenAsync();

        Assert.Equal(sent, await reopened.GetByRequestIdAsync("req-kept"), MessageRecordComparer.Instance);
        Assert.Equal(inbox.Messages, (await reopened.ListInboxAsync(new InboxQuery(10))).Messages, MessageRecordComparer.Instance);
        var reopenedAudit = await reopened.ReadAuditAsync(1, 1000);
        Assert.Equal(audit.Select(e => (e.Seq, e.EventType, e.Detail)), reopenedAudit.Take(audit.Count).Select(e => (e.Seq, e.EventType, e.Detail)));
        // The workload left a row leased: reopening made it due again, and said so.
        Assert.Equal(AuditEventType.OutboxReleased, Assert.Single(reopenedAudit.Skip(audit.Count)).EventType);
        var next = await SubmitAsync(reopened, "req-after", seed: 43);
        Assert.Equal(sent.Sequence + 1, next.Message.Sequence);
        Assert.True((await reopened.SubmitAsync(TestParties.Submission("req-kept", TestParties.Payload(2048, 42)), FailingSeal())).IsReplay);
        var report = await reopened.VerifyAuditChainAsync();
        Assert.True(report.IsIntact, report.Problem);
        Assert.Equal(audit.Count + 3, report.EntriesChecked);
    }

    [Fact]
    public async Task MessagesStoredBeforeTheirBodiesMovedOutOfTheirRowsAreReadAndSentAsBefore()
    {
        // A database as version 9 left it: envelope and payload in each message's own row, and an
        // envelope's outbox row without bytes of its own (sent from its message's).
        var outbound = (Id: Guid.CreateVersion7(), Envelope: TestParties.Payload(3300, 1));
        var inbound = (Id: Guid.CreateVersion7(), Envelope: TestParties.Payload(3400, 2), Payload: TestParties.Payload(2000, 3));
        var now = DbValues.Millis(Parties.Time.GetUtcNow());
        await using (var dialect = SqlDialect.For(Options))
        {
            await SchemaMigrations.ApplyAsync(dialect, Parties.Time.GetUtcNow(), CancellationToken.None, throughVersion: 9);
            await using var connection = await dialect.OpenAsync(CancellationToken.None);
            var session = new StoreSession(connection, null, dialect);
            foreach (var (id, direction, sequence, envelope, payload) in new[]
            {
                (outbound.Id, MessageDirection.Outbound, 1L, outbound.Envelope, (byte[]?)null),
                (inbound.Id, MessageDirection.Inbound, 7L, inbound.Envelope, inbound.Payload),
            })
            {
                await session.ExecuteAsync(
                    "INSERT INTO messages (envelope_id, direction, peer_node, message_type, case_reference, correlation_id, priority, sequence, state, rejection_reason, "
                    + "request_id, envelope_bytes, payload, created_at, updated_at, expires_at) VALUES (@id, @direction, @peer, 'liaison.verification.request.v1', "
                    + "'LC-2026-0042', 'wf-old', 2, @sequence, @state, 0, NULL, @envelope, @payload, @now, @now, @expires)",
                    CancellationToken.None,
                    ("id", dialect.ToDb(id)),
                    ("direction", direction.ToString()),
                    ("peer", TestParties.Yunnan),
                    ("sequence", sequence),
                    ("state", (direction == MessageDirection.Outbound ? MessageState.Sealed : MessageState.Stored).ToString()),
                    ("envelope", envelope),
                    ("payload", payload),
                    ("now", now),
                    ("expires", now + 3_600_000));
            }

            await session.ExecuteAsync(
                "INSERT INTO outbox (envelope_id, destination, kind, bytes, attempts, next_attempt_at) VALUES (@id, @peer, @kind, @bytes, 0, @now)",
                CancellationToken.None, ("id", dialect.ToDb(outbound.Id)), ("peer", TestParties.Yunnan), ("kind", nameof(OutboxKind.Envelope)), ("bytes", Array.Empty<byte>()), ("now", now));
        }

        var store = await OpenAsync();

        Assert.Equal(outbound.Envelope, (await store.GetAsync(outbound.Id))!.EnvelopeBytes.ToArray());
        var read = (await store.GetAsync(inbound.Id))!;
        Assert.Equal(inbound.Envelope, read.EnvelopeBytes.ToArray());
        Assert.Equal(inbound.Payload, read.Payload!.Value.ToArray());
        Assert.Equal(inbound.Payload, (await store.GetPayloadAsync(inbound.Id))!.Value.ToArray());
        Assert.Equal(inbound.Payload.Length, Assert.Single(await store.ListByCorrelationAsync(MessageDirection.Inbound, "wf-old", null, 10)).PayloadSize);
        Assert.Equal(inbound.Id, Assert.Single((await store.ListInboxAsync(new InboxQuery(10))).Messages).EnvelopeId);
        var claimed = Assert.Single(await store.ClaimDueOutboxAsync(10, long.MaxValue, Parties.Time.GetUtcNow()));
        Assert.Equal(outbound.Id, claimed.EnvelopeId);
        Assert.Equal(outbound.Envelope, claimed.Bytes.ToArray());
    }

    [Fact]
    public async Task OpeningAnExistingDatabaseAppliesNoMigrationTwice()
    {
        await (await OpenAsync()).DisposeAsync();

        var reopened = await OpenAsync();

        Assert.Empty(await reopened.ReadAuditAsync(1, 10));
        Assert.True((await reopened.VerifyAuditChainAsync()).IsIntact);
    }
}
