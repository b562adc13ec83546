using System.Globalization;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Tests;

public abstract partial class GatewayStoreContract
{
    [Fact]
    public async Task AClaimHoldsNoMoreBytesThanItsCapButAlwaysAtLeastOneRow()
    {
        var store = await OpenAsync();
        var submitted = new List<SubmitResult>();
        for (var i = 0; i < 4; i++)
        {
            submitted.Add(await SubmitAsync(store, $"req-{i}", seed: i));
        }

        var sizes = submitted.Select(s => (long)s.Message.EnvelopeBytes.Length).ToList();
        var now = Parties.Time.GetUtcNow();

        // Room for two rows and most of a third: two, oldest first.
        var firstTwo = await store.ClaimDueOutboxAsync(10, sizes[0] + sizes[1] + sizes[2] - 1, now);
        // A cap below the next row's size still claims that row, alone.
        var third = await store.ClaimDueOutboxAsync(10, 1, now);
        // The count cap still applies with room to spare.
        var fourth = await store.ClaimDueOutboxAsync(1, long.MaxValue, now);

        Assert.Equal(submitted.Take(2).Select(s => s.Message.EnvelopeId), firstTwo.Select(o => o.EnvelopeId));
        Assert.Equal(submitted[2].Message.EnvelopeId, Assert.Single(third).EnvelopeId);
        Assert.Equal(submitted[3].Message.EnvelopeId, Assert.Single(fourth).EnvelopeId);
        Assert.Empty(await store.ClaimDueOutboxAsync(10, long.MaxValue, now));
        Assert.All(firstTwo.Concat(third).Concat(fourth), o => Assert.Equal(1, o.Attempts));
    }

    [Fact]
    public async Task AnEnvelopesOutboxRowKeepsNoSecondCopyOfItAndTheClaimSendsTheMessagesEnvelope()
    {
        var store = await OpenAsync();
        var fresh = await SubmitAsync(store, "req-fresh", seed: 1);
        var legacy = await SubmitAsync(store, "req-legacy", seed: 2);
        // A row queued by an earlier version, which kept its own copy: still sent from that copy.
        await Backend.ExecuteRawAsync(Options, "UPDATE outbox SET bytes = (SELECT b.envelope_bytes FROM messages m JOIN message_bodies b ON b.arrival_seq = m.arrival_seq WHERE m.envelope_id = outbox.envelope_id) WHERE outbox_id = (SELECT MAX(outbox_id) FROM outbox)");

        var storedLength = Convert.ToInt64(await Backend.ExecuteRawAsync(Options, "SELECT length(bytes) FROM outbox WHERE outbox_id = (SELECT MIN(outbox_id) FROM outbox)"), CultureInfo.InvariantCulture);
        var claimed = await store.ClaimDueOutboxAsync(10, long.MaxValue, Parties.Time.GetUtcNow());

        Assert.Equal(0, storedLength);
        Assert.Equal([fresh.Message.EnvelopeId, legacy.Message.EnvelopeId], claimed.Select(c => c.EnvelopeId));
        Assert.Equal(fresh.Message.EnvelopeBytes.ToArray(), claimed[0].Bytes.ToArray());
        Assert.Equal(legacy.Message.EnvelopeBytes.ToArray(), claimed[1].Bytes.ToArray());
    }

    [Fact]
    public async Task ClaimPublishAndRetryMoveRowsThroughTheOutbox()
    {
        var store = await OpenAsync();
        var submitted = new List<SubmitResult>();
        for (var i = 0; i < 3; i++)
        {
            submitted.Add(await SubmitAsync(store, $"req-{i}", seed: i));
        }

        var now = Parties.Time.GetUtcNow();
        var firstTwo = await store.ClaimDueOutboxAsync(2, now);
        var third = await store.ClaimDueOutboxAsync(2, now);

        Assert.Equal(submitted.Take(2).Select(s => s.Message.EnvelopeId), firstTwo.Select(o => o.EnvelopeId));
        Assert.All(firstTwo, o => Assert.Equal(1, o.Attempts));
        Assert.Equal(submitted[2].Message.EnvelopeId, Assert.Single(third).EnvelopeId);
        Assert.Empty(await store.ClaimDueOutboxAsync(10, now));

        Assert.True(await store.ScheduleRetryAsync(firstTwo[0].Id, now.AddSeconds(5), "broker-unreachable"));
        Assert.Equal(2, await store.MarkPublishedAsync([firstTwo[1].Id, third[0].Id], now));

        Assert.Equal(MessageState.Sealed, (await store.GetAsync(submitted[0].Message.EnvelopeId))!.State);
        Assert.Equal(MessageState.Published, (await store.GetAsync(submitted[1].Message.EnvelopeId))!.State);
        Assert.Empty(await store.ClaimDueOutboxAsync(10, now.AddSeconds(4)));
        var retried = Assert.Single(await store.ClaimDueOutboxAsync(10, now.AddSeconds(5)));
        Assert.Equal((firstTwo[0].Id, 2), (retried.Id, retried.Attempts));
        Assert.Equal(1, await store.MarkPublishedAsync([retried.Id], now.AddSeconds(6)));
        Assert.Equal(MessageState.Published, (await store.GetAsync(submitted[0].Message.EnvelopeId))!.State);

        var retryEntry = Assert.Single(await store.ReadAuditAsync(1, 100), e => e.EventType == AuditEventType.RetryScheduled);
        Assert.Equal("broker-unreachable", retryEntry.ReasonCode);
        Assert.Equal(3, (await AuditTypesAsync(store)).Count(t => t == AuditEventType.Published));
    }

    [Fact]
    public async Task ConfirmingAPublishTwiceChangesNothingTheSecondTime()
    {
        var store = await OpenAsync();
        await SubmitAsync(store, "req-1");
        var item = Assert.Single(await store.ClaimDueOutboxAsync(10, Parties.Time.GetUtcNow()));

        Assert.Equal(1, await store.MarkPublishedAsync([item.Id, item.Id], Parties.Time.GetUtcNow()));
        Assert.Equal(0, await store.MarkPublishedAsync([item.Id], Parties.Time.GetUtcNow()));
        Assert.False(await store.ScheduleRetryAsync(item.Id, Parties.Time.GetUtcNow(), "late-failure"));
    }

    [Fact]
    public async Task AClaimedRowThatIsNeverConfirmedComesBackAfterTheLease()
    {
        var store = await OpenAsync();
        await SubmitAsync(store, "req-1");
        var now = Parties.Time.GetUtcNow();
        var claimed = Assert.Single(await store.ClaimDueOutboxAsync(10, now));

        Assert.Empty(await store.ClaimDueOutboxAsync(10, now.AddSeconds(29)));
        var again = Assert.Single(await store.ClaimDueOutboxAsync(10, now.AddSeconds(30)));

        Assert.Equal((claimed.Id, 2), (again.Id, again.Attempts));
    }

    [Fact]
    public async Task ErrorCodesThatCouldCarryTextAreRefused()
    {
        var store = await OpenAsync();

        Assert.Throws<ArgumentException>(() => { _ = store.ScheduleRetryAsync(1, Parties.Time.GetUtcNow(), "Connection refused for Nguyễn"); });
        Assert.Throws<ArgumentException>(() => { _ = store.ScheduleRetryAsync(1, Parties.Time.GetUtcNow(), ""); });
    }
}
