using System.Text;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Tests;

public abstract partial class GatewayStoreContract
{
    /// <summary>A bit of everything the store does, so that every kind of audit entry is in the chain.</summary>
    private async Task MixedWorkloadAsync(GatewayStore store)
    {
        var delivered = (await SubmitAsync(store, "req-1")).Message;
        await SubmitAsync(store, "req-2", peer: TestParties.LuangNamtha, lifetime: TimeSpan.FromMinutes(10), seed: 2);
        var due = await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow());
        await store.ScheduleRetryAsync(due[1].Id, Parties.Time.GetUtcNow().AddSeconds(1), "broker-unreachable");
        await store.MarkPublishedAsync([due[0].Id], Parties.Time.GetUtcNow());
        var (receipt, body) = ReceiptFromYunnan(delivered);
        await store.RecordReceiptAsync(delivered.EnvelopeId, receipt, body.Status, body.RejectionReason, Parties.Time.GetUtcNow());
        await store.RecordReceiptAsync(delivered.EnvelopeId, receipt, body.Status, body.RejectionReason, Parties.Time.GetUtcNow());
        var (record, inboundReceipt) = Parties.Arrive(Parties.SealToYunnan(1));
        await store.RecordInboundAsync(record, inboundReceipt);
        await store.RecordInboundAsync(record, inboundReceipt);
        var (refused, refusedReceipt) = Parties.Arrive(Tampered(Parties.SealToYunnan(2)));
        await store.RecordInboundAsync(refused, refusedReceipt);
        await store.RecordUnreadableRejectionAsync(Envelope.V1.RejectionReason.Malformed);
        await store.ExpireAsync(Parties.Time.GetUtcNow().AddHours(1));
        await store.RecordReceiptRefusalAsync(delivered.EnvelopeId, TestParties.Yunnan, Envelope.V1.RejectionReason.BadSignature);
        await SubmitAsync(store, "req-3", seed: 3);
        // Left leased, for the reopen of the store to release.
        await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow());
        // Every event that is not a message's own, as the services that record them would.
        foreach (var type in Enum.GetValues<AuditEventType>().Where(t => !AuditEventRecord.IsMessageEvent(t)))
        {
            await store.RecordAuditEventAsync(new AuditEventRecord(type, "vn-laocai/officer-0042", "mixed workload") { Subject = Pseudonyms.ForCase("LC-2026-0042") });
        }
    }

    [Fact]
    public async Task TheAuditChainVerifiesAfterAMixedWorkload()
    {
        var first = await OpenAsync();
        await MixedWorkloadAsync(first);
        await first.DisposeAsync();
        var store = await OpenAsync();

        var report = await store.VerifyAuditChainAsync();
        var entries = await store.ReadAuditAsync(1, 1000);

        Assert.True(report.IsIntact, report.Problem);
        Assert.Equal(entries.Count, report.EntriesChecked);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(n => (long)n), entries.Select(e => e.Seq));
        Assert.Equal(Enum.GetValues<AuditEventType>().Order(), entries.Select(e => e.EventType).Distinct().Order());
    }

    [Fact]
    public async Task ReadingTheAuditTrailResumesFromAnySeq()
    {
        var store = await OpenAsync();
        await MixedWorkloadAsync(store);
        var all = await store.ReadAuditAsync(1, 1000);

        var tail = await store.ReadAuditAsync(5, 3);

        Assert.Equal(all.Skip(4).Take(3).Select(e => e.Seq), tail.Select(e => e.Seq));
        Assert.True(all.Skip(4).Take(3).Zip(tail).All(p => p.First.Hash.Span.SequenceEqual(p.Second.Hash.Span)));
    }

    [Fact]
    public async Task TheStoreItselfRefusesToChangeAnAuditEntry()
    {
        var store = await OpenAsync();
        await MixedWorkloadAsync(store);

        await Assert.ThrowsAnyAsync<Exception>(() => Backend.ExecuteRawAsync(Options, "UPDATE audit SET detail = 'changed' WHERE seq = 2"));
        await Assert.ThrowsAnyAsync<Exception>(() => Backend.ExecuteRawAsync(Options, "DELETE FROM audit WHERE seq = 2"));

        Assert.True((await store.VerifyAuditChainAsync()).IsIntact);
    }

    [Fact]
    public async Task AnAuditEntryAlteredBehindTheStoresBackIsFoundAtItsSeq()
    {
        var store = await OpenAsync();
        await MixedWorkloadAsync(store);
        var entries = await store.ReadAuditAsync(1, 1000);

        // An intruder with database access first removes the guards, then changes one character.
        await DropAuditGuardsAsync();
        await Backend.ExecuteRawAsync(Options, "UPDATE audit SET detail = 'X' || substr(detail, 2) WHERE seq = 7");
        var report = await store.VerifyAuditChainAsync();

        Assert.False(report.IsIntact);
        Assert.Equal(7, report.FirstBadSeq);
        Assert.Equal(7, report.EntriesChecked);
        Assert.Contains("7", report.Problem, StringComparison.Ordinal);
        Assert.True(entries.Count > 7);
    }

    [Fact]
    public async Task AnAuditEntryDeletedBehindTheStoresBackIsFoundAtItsSeq()
    {
        var store = await OpenAsync();
        await MixedWorkloadAsync(store);

        await DropAuditGuardsAsync();
        await Backend.ExecuteRawAsync(Options, "DELETE FROM audit WHERE seq = 5");
        var report = await store.VerifyAuditChainAsync();

        Assert.Equal(5, report.FirstBadSeq);
        Assert.Equal("Entry 5 is missing: the next entry stored is 6.", report.Problem);
    }

    private async Task DropAuditGuardsAsync()
    {
        foreach (var statement in Backend.DropAuditGuardsSql)
        {
            await Backend.ExecuteRawAsync(Options, statement);
        }
    }

    [Fact]
    public async Task NoAuditEntryCarriesAnythingFromAPayloadOrARequestId()
    {
        var store = await OpenAsync();
        var personal = Encoding.UTF8.GetBytes("Nguyễn Thị Hoa, born 2009, Sa Pa, Lào Cai");
        var submission = TestParties.Submission("hoa-request", personal);
        await store.SubmitAsync(submission, Parties.SealFor(submission, personal));
        await MixedWorkloadAsync(store);

        var text = string.Join("\n", (await store.ReadAuditAsync(1, 1000)).Select(e => $"{e.PeerNode} {e.ReasonCode} {e.Detail}"));

        Assert.DoesNotContain("Hoa", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hoa-request", text, StringComparison.Ordinal);
        Assert.DoesNotContain("LC-2026-0042", text, StringComparison.Ordinal);
    }
}
