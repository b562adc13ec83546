using Liaison.Audit.Merkle;
using Liaison.Gateway.Auditing;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Tests;

/// <summary>
/// Who acted and about what (actor, subject), audit events that are not a message's own, the
/// auditors' search, and logs that hold entries of both formats (written before and after migration 4).
/// </summary>
public abstract partial class GatewayStoreContract
{
    private const string Officer = "vn-laocai/officer-0042";

    /// <summary>A fixed pseudonym key, so that subjects are the same in every run.</summary>
    protected static AuditPseudonyms Pseudonyms { get; } = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public async Task AnAuditEventIsAppendedWithItsActorAndSubjectAndItsSeqIsReturned()
    {
        var store = await OpenAsync();
        await SubmitAsync(store, "req-1");
        var subject = Pseudonyms.ForCase("LC-2026-0042");

        var seq = await store.RecordAuditEventAsync(new AuditEventRecord(AuditEventType.Read, Officer, "case content read") { Subject = subject });
        var next = await store.RecordAuditEventAsync(new AuditEventRecord(AuditEventType.Exported, Officer, "report 2026-Q4 as csv"));

        Assert.Equal((3L, 4L), (seq, next));
        var entry = (await store.ReadAuditAsync(3, 1))[0];
        Assert.Equal((AuditEventType.Read, Officer, subject, 2, "case content read"), (entry.EventType, entry.Actor, entry.Subject, entry.FormatVersion, entry.Detail));
        Assert.Equal(AuditHashing.Canonical(ToRow(entry)), entry.LeafData.ToArray());
        var proof = await store.GetAuditInclusionProofAsync(3, 4);
        var head = await store.GetAuditTreeHeadAsync();
        Assert.True(proof.Verify(Rfc6962.HashLeaf(entry.LeafData.Span), head.Root));
        Assert.True((await store.VerifyAuditChainAsync()).IsIntact);
    }

    [Theory]
    [InlineData(AuditEventType.Submitted)]
    [InlineData(AuditEventType.Delivered)]
    [InlineData(AuditEventType.OutboxReleased)]
    public async Task AMessageEventCannotBeRecordedOnItsOwn(AuditEventType type)
    {
        var store = await OpenAsync();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAuditEventAsync(new AuditEventRecord(type, Officer, "forged")));

        Assert.Contains("message event", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ReadAuditAsync(1, 10));
    }

    [Theory]
    [InlineData("", "read", "")]
    [InlineData("officer 42", "read", "")]
    [InlineData(Officer, "read\nsecond line", "")]
    [InlineData(Officer, "read", "LC-2026-0042")]
    [InlineData(Officer, "read", "case:short")]
    public async Task AnAuditEventThatBreaksItsSyntaxIsRefused(string actor, string detail, string subject)
    {
        var store = await OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAuditEventAsync(new AuditEventRecord(AuditEventType.Read, actor, detail) { Subject = subject }));

        Assert.Empty(await store.ReadAuditAsync(1, 10));
    }

    [Fact]
    public async Task MessageEventsNameTheSubmitterThePartnerOrTheNode()
    {
        var store = await OpenAsync();
        var payload = TestParties.Payload(64, 1);
        var submission = TestParties.Submission("req-1", payload) with { Actor = Officer };
        var sent = (await store.SubmitAsync(submission, Parties.SealFor(submission, payload))).Message;
        var due = await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow());
        await store.MarkPublishedAsync([due[0].Id], Parties.Time.GetUtcNow());
        var (receipt, body) = ReceiptFromYunnan(sent);
        await store.RecordReceiptAsync(sent.EnvelopeId, receipt, body.Status, body.RejectionReason, Parties.Time.GetUtcNow());
        var (record, inboundReceipt) = Parties.Arrive(Parties.SealToYunnan(1));
        await store.RecordInboundAsync(record, inboundReceipt);

        var actors = (await store.ReadAuditAsync(1, 100)).Select(e => (e.EventType, e.Actor)).ToList();

        Assert.Equal(
            [
                (AuditEventType.Submitted, Officer), (AuditEventType.Sealed, Officer), (AuditEventType.Published, AuditActors.Node),
                (AuditEventType.ReceiptReceived, TestParties.Yunnan), (AuditEventType.Delivered, TestParties.Yunnan),
                (AuditEventType.Received, record.PeerNode), (AuditEventType.Verified, record.PeerNode), (AuditEventType.Stored, record.PeerNode),
            ],
            actors);
    }

    [Fact]
    public async Task TheAuditLogIsSearchedByTypeActorSubjectEnvelopeAndTime()
    {
        var store = await OpenAsync();
        var sent = (await SubmitAsync(store, "req-1")).Message;
        var caseA = Pseudonyms.ForCase("LC-2026-0042");
        var caseB = Pseudonyms.ForCase("LC-2026-0043");
        var before = Parties.Time.GetUtcNow();
        Parties.Time.Advance(TimeSpan.FromMinutes(1));
        await store.RecordAuditEventAsync(new AuditEventRecord(AuditEventType.Read, Officer, "message content read") { Subject = caseA, EnvelopeId = sent.EnvelopeId });
        await store.RecordAuditEventAsync(new AuditEventRecord(AuditEventType.Read, "vn-laocai/officer-0007", "case content read") { Subject = caseB });
        await store.RecordAuditEventAsync(new AuditEventRecord(AuditEventType.AccessDenied, "vn-laocai/officer-0007", "access to a case refused") { Subject = caseA, ReasonCode = "NOT_CASE_UNIT" });
        Parties.Time.Advance(TimeSpan.FromMinutes(1));
        var later = Parties.Time.GetUtcNow();
        await store.RecordAuditEventAsync(new AuditEventRecord(AuditEventType.Exported, Officer, "report 2026-Q4 as csv"));

        async Task<List<long>> Seqs(AuditQuery query) => (await store.ListAuditEntriesAsync(query)).Entries.Select(e => e.Seq).ToList();

        Assert.Equal([3L, 4L], await Seqs(new AuditQuery(100) { EventTypes = [AuditEventType.Read] }));
        Assert.Equal([3L, 6L], await Seqs(new AuditQuery(100) { Actor = Officer }));
        Assert.Equal([3L, 5L], await Seqs(new AuditQuery(100) { Subject = caseA }));
        Assert.Equal([1L, 2L, 3L], await Seqs(new AuditQuery(100) { EnvelopeId = sent.EnvelopeId }));
        Assert.Equal([3L, 4L, 5L], await Seqs(new AuditQuery(100) { From = before.AddSeconds(1), ToExclusive = later }));
        Assert.Equal([5L], await Seqs(new AuditQuery(100) { Subject = caseA, EventTypes = [AuditEventType.AccessDenied, AuditEventType.Exported] }));
        Assert.Equal([6L, 5L, 4L, 3L, 2L, 1L], await Seqs(new AuditQuery(100) { NewestFirst = true }));
        Assert.Empty(await Seqs(new AuditQuery(100) { Subject = Pseudonyms.ForCase("LC-2026-9999") }));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PagesOfAnAuditSearchFollowOnWithoutGapsOrRepeats(bool newestFirst)
    {
        var store = await OpenAsync();
        for (var i = 0; i < 7; i++)
        {
            await store.RecordAuditEventAsync(new AuditEventRecord(AuditEventType.Read, Officer, $"read {i}"));
        }

        var seen = new List<long>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await store.ListAuditEntriesAsync(new AuditQuery(3, token) { NewestFirst = newestFirst });
            seen.AddRange(page.Entries.Select(e => e.Seq));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(3, pages);
        Assert.Equal(newestFirst ? [7L, 6L, 5L, 4L, 3L, 2L, 1L] : [1L, 2L, 3L, 4L, 5L, 6L, 7L], seen);
        await Assert.ThrowsAsync<InvalidPageTokenException>(() => store.ListAuditEntriesAsync(new AuditQuery(3, "not-a-token")));
    }

    [Fact]
    public async Task CheckpointsAreListedLatestFirst()
    {
        var store = await OpenAsync();
        var issuer = IssuerFor(store);
        for (var i = 0; i < 3; i++)
        {
            await store.RecordAuditEventAsync(new AuditEventRecord(AuditEventType.Read, Officer, "read"));
            await issuer.SweepOnceAsync(CancellationToken.None);
        }

        var latest = await store.ListAuditCheckpointsNewestFirstAsync(long.MaxValue, 2);
        var rest = await store.ListAuditCheckpointsNewestFirstAsync(latest[^1].TreeSize, 2);

        Assert.Equal([3L, 2L], latest.Select(c => c.TreeSize));
        Assert.Equal([1L], rest.Select(c => c.TreeSize));
    }

    [Fact]
    public async Task ALogOfBothFormatsVerifiesAndEachEntryKeepsItsFormat()
    {
        var store = await LogWithFormatOneEntriesAsync();

        var entries = await store.ReadAuditAsync(1, 100);
        var report = await VerifyLogAsync();

        Assert.True(report.IsIntact, string.Join(" ", report.Problems.Select(p => p.Description)));
        Assert.Equal(1, report.CheckpointsVerified);
        Assert.Equal([1, 1, 1, 2, 2, 2], entries.Select(e => e.FormatVersion));
        Assert.Equal(["", "", "", Officer, Officer, Officer], entries.Select(e => e.Actor));
        Assert.True((await store.VerifyAuditChainAsync()).IsIntact);
        Assert.Equal(RootOf(entries, entries.Count), (await store.GetAuditTreeHeadAsync()).Root);
    }

    [Theory]
    [InlineData("actor", "'vn-laocai/officer-0043'", 5)]
    [InlineData("subject", "'case:AAAAAAAAAAAAAAAAAAAAAA'", 4)]
    [InlineData("actor", "'node'", 6)]
    public async Task AChangedActorOrSubjectIsFoundAtItsEntry(string column, string value, long seq)
    {
        var store = await LogWithFormatOneEntriesAsync();
        await DropAuditGuardsAsync();
        await Backend.ExecuteRawAsync(Options, $"UPDATE audit SET {column} = {value} WHERE seq = {seq}");

        var report = await VerifyLogAsync();
        var chain = await store.VerifyAuditChainAsync();

        Assert.Equal(seq, report.FirstBadSeq);
        Assert.Equal($"Entry {seq} does not match its leaf hash in the tree (leaf index {seq - 1}): it was altered after it was written.", report.Problems[0].Description);
        Assert.Equal(seq, chain.FirstBadSeq);
    }

    [Theory]
    [InlineData("actor = 'vn-laocai/officer-0042'", "Entry 2 is of audit format 1, which has no actor or subject, but carries one: it was altered after it was written.")]
    [InlineData("format_version = 2", "Entry 2 does not match its leaf hash in the tree (leaf index 1): it was altered after it was written.")]
    [InlineData("format_version = 3", "Entry 2 is of audit format 3, which this version does not know: it was altered after it was written.")]
    public async Task AFormatOneEntryGivenAnActorOrAnotherFormatIsFound(string change, string expected)
    {
        var store = await LogWithFormatOneEntriesAsync();
        await DropAuditGuardsAsync();
        await Backend.ExecuteRawAsync(Options, $"UPDATE audit SET {change} WHERE seq = 2");

        var report = await VerifyLogAsync();

        Assert.Equal(2, report.FirstBadSeq);
        Assert.Equal(expected, report.Problems[0].Description);
        Assert.Equal(2, (await store.VerifyAuditChainAsync()).FirstBadSeq);
    }

    /// <summary>
    /// Three entries as a gateway before migration 4 wrote them (format 1, no tree), then three
    /// written by this version (format 2, the first of which makes the store build the tree of
    /// the older ones), and a signed checkpoint over all six.
    /// </summary>
    private async Task<GatewayStore> LogWithFormatOneEntriesAsync()
    {
        var store = await OpenAsync();
        var previous = AuditHashing.Genesis.ToArray();
        var recordedAt = DbValues.Millis(Parties.Time.GetUtcNow());
        for (var seq = 1L; seq <= 3; seq++)
        {
            var row = new AuditRow(seq, recordedAt, nameof(AuditEventType.OutboxReleased), null, "", "", $"{seq} outbox rows made due", []);
            previous = AuditHashing.Hash(previous, row);
            await Backend.ExecuteRawAsync(Options,
                $"INSERT INTO audit (seq, recorded_at, event_type, envelope_id, peer_node, reason_code, detail, hash) VALUES ({seq}, {recordedAt}, '{row.EventType}', NULL, '', '', '{row.Detail}', {Blob(previous)})");
        }

        await store.RecordAuditEventAsync(new AuditEventRecord(AuditEventType.Read, Officer, "case content read") { Subject = Pseudonyms.ForCase("LC-2026-0042") });
        await store.RecordAuditEventAsync(new AuditEventRecord(AuditEventType.Exported, Officer, "report 2026-Q4 as csv"));
        await store.RecordAuditEventAsync(new AuditEventRecord(AuditEventType.Login, Officer, "officer connected"));
        Assert.NotNull(await IssuerFor(store).SweepOnceAsync(CancellationToken.None));
        return store;
    }
}
