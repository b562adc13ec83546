using Liaison.Gateway.Storage;

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
    public async Task OpeningAnExistingDatabaseAppliesNoMigrationTwice()
    {
        await (await OpenAsync()).DisposeAsync();

        var reopened = await OpenAsync();

        Assert.Empty(await reopened.ReadAuditAsync(1, 10));
        Assert.True((await reopened.VerifyAuditChainAsync()).IsIntact);
    }
}
