using Liaison.Gateway.Protection;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Tests.Protection;

namespace Liaison.Gateway.Tests;

/// <summary>Field-level encryption at rest, on every provider: transparent to callers, opaque in the database.</summary>
public abstract partial class GatewayStoreContract
{
    private readonly KeyEncryptionKey kek = KeyEncryptionKey.Generate();

    /// <summary>Opens (or reopens) the test's database with field-level encryption under <paramref name="keys"/> (default: the test's KEK).</summary>
    protected async Task<GatewayStore> OpenProtectedAsync(IKeyEncryptionKeys? keys = null)
    {
        var store = await GatewayStore.OpenAsync(
            new StoreOptions { Provider = Options.Provider, DataDirectory = Options.DataDirectory, ConnectionString = Options.ConnectionString, Schema = Options.Schema },
            FieldProtection.With(keys ?? new FixedKeyEncryptionKeys(kek)),
            Parties.Time);
        opened.Add(store);
        return store;
    }

    /// <summary>An outbound submission that keeps its payload (as workflow steps do), so the store holds it.</summary>
    private Task<SubmitResult> SubmitKeptAsync(GatewayStore store, string requestId, byte[] payload, string correlationId)
    {
        var submission = TestParties.Submission(requestId, payload) with { CorrelationId = correlationId, KeptPayload = payload };
        return store.SubmitAsync(submission, Parties.SealFor(submission, payload));
    }

    [Fact]
    public async Task PersonalColumnsAreEncryptedAtRestAndReadBackClear()
    {
        var store = await OpenProtectedAsync();
        var kept = TestParties.Payload(3000, 7);
        var submitted = (await SubmitKeptAsync(store, "enc-1", kept, "wf-enc")).Message;
        var envelope = Parties.SealToYunnan(1);
        var (record, receipt) = Parties.Arrive(envelope);
        var arrived = (await store.RecordInboundAsync(record, receipt)).Message;

        // Callers see clear data, through every read.
        Assert.True((await store.GetPayloadAsync(submitted.EnvelopeId))!.Value.Span.SequenceEqual(kept));
        Assert.True((await store.GetAsync(submitted.EnvelopeId))!.Payload!.Value.Span.SequenceEqual(kept));
        var inbound = await store.GetAsync(arrived.EnvelopeId);
        Assert.Equal(arrived, inbound, MessageRecordComparer.Instance);
        Assert.True(inbound!.EnvelopeBytes.Span.SequenceEqual(envelope));
        Assert.True(Assert.Single((await store.ListInboxAsync(new InboxQuery(10))).Messages).Payload!.Value.Span.SequenceEqual(record.Payload!.Value.Span));
        Assert.Equal(kept.Length, Assert.Single(await store.ListByCorrelationAsync(MessageDirection.Outbound, "wf-enc", null, 10)).PayloadSize);

        // The database holds neither payload nor the inbound envelope, in any table.
        var raw = await RawDatabase.AllBlobsAsync(Options, "messages", "message_bodies", "outbox", "audit", "data_keys");
        Assert.False(RawDatabase.Contains(raw, kept[..64]));
        Assert.False(RawDatabase.Contains(raw, record.Payload!.Value.Span[..64].ToArray()));
        Assert.False(RawDatabase.Contains(raw, Liaison.Envelope.V1.SealedEnvelope.Parser.ParseFrom(envelope).Ciphertext.Span[..64].ToArray()));
        Assert.Equal(2, (await RawDatabase.ColumnAsync(Options, "SELECT data_key_id FROM messages WHERE data_key_id IS NOT NULL")).Count);
        // The data keys are stored wrapped only: 60 bytes each, under the KEK named beside them.
        Assert.All(await RawDatabase.ColumnAsync(Options, "SELECT wrapped_key FROM data_keys"), w => Assert.Equal(KeyEncryptionKey.WrappedBytes, ((byte[])w!).Length));
        Assert.All(await RawDatabase.ColumnAsync(Options, "SELECT kek_id FROM data_keys"), id => Assert.Equal(kek.Id, id));
    }

    [Fact]
    public async Task MetadataIsReadWithoutDecryptingOneMessageAtATimeOrManyAtOnce()
    {
        var store = await OpenProtectedAsync();
        var kept = (await SubmitKeptAsync(store, "meta-kept", TestParties.Payload(300, 5), "wf-meta")).Message;
        var (record, receipt) = Parties.Arrive(Parties.SealToYunnan(1));
        var arrived = (await store.RecordInboundAsync(record, receipt)).Message;
        var plain = new List<Guid>();
        for (var i = 0; i < 70; i++)
        {
            // More than one statement's worth of keys.
            plain.Add((await SubmitAsync(store, $"meta-{i}", seed: i)).Message.EnvelopeId);
        }

        var many = await store.GetMetadataAsync([kept.EnvelopeId, arrived.EnvelopeId, .. plain, Guid.CreateVersion7(), kept.EnvelopeId]);

        Assert.Equal(72, many.Count);
        foreach (var id in plain.Append(kept.EnvelopeId).Append(arrived.EnvelopeId))
        {
            Assert.Equal(await store.GetMetadataAsync(id), many[id], MessageRecordComparer.Instance);
        }

        // The outbound envelope (the partner's ciphertext) is there; what is encrypted at rest is not decrypted.
        Assert.Equal(kept.EnvelopeBytes.ToArray(), many[kept.EnvelopeId].EnvelopeBytes.ToArray());
        Assert.Null(many[kept.EnvelopeId].Payload);
        Assert.True(many[arrived.EnvelopeId].EnvelopeBytes.IsEmpty);
        Assert.Null(many[arrived.EnvelopeId].Payload);
        Assert.Empty(await store.GetMetadataAsync([]));
    }

    [Fact]
    public async Task ACiphertextMovedToAnotherRowOfTheSameCaseDoesNotDecrypt()
    {
        var store = await OpenProtectedAsync();
        var first = (await SubmitKeptAsync(store, "move-a", TestParties.Payload(100, 1), "wf-move")).Message;
        var second = (await SubmitKeptAsync(store, "move-b", TestParties.Payload(100, 2), "wf-move")).Message;
        var keys = await RawDatabase.ColumnAsync(Options, "SELECT DISTINCT data_key_id FROM messages");
        Assert.Single(keys);

        // Same case, same data key: only the associated data (envelope id and column) tells the rows apart.
        await Backend.ExecuteRawAsync(Options, "UPDATE message_bodies SET payload = (SELECT b.payload FROM messages m JOIN message_bodies b ON b.arrival_seq = m.arrival_seq WHERE m.request_id = 'move-a') "
            + "WHERE arrival_seq = (SELECT arrival_seq FROM messages WHERE request_id = 'move-b')");

        var error = await Assert.ThrowsAsync<ProtectedFieldException>(() => store.GetPayloadAsync(second.EnvelopeId));
        Assert.Contains(second.EnvelopeId.ToString("D"), error.Message, StringComparison.Ordinal);
        Assert.Contains("moved from another row", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await store.GetPayloadAsync(first.EnvelopeId));
    }

    [Fact]
    public async Task AStoreWhoseDataKeysAnotherKekWrapsRefusesToOpenWithASentence()
    {
        await using (var store = await OpenProtectedAsync())
        {
            await SubmitKeptAsync(store, "wrong-kek", TestParties.Payload(100, 1), "wf-wrong");
        }

        opened.Clear();
        var other = KeyEncryptionKey.Generate();
        var error = await Assert.ThrowsAsync<DataProtectionException>(() => OpenProtectedAsync(new FixedKeyEncryptionKeys(other)));

        Assert.Contains($"wrapped by key-encryption key {kek.Id} (1 keys), which is not configured (this node holds {other.Id})", error.Message, StringComparison.Ordinal);
        Assert.Contains("Protection:PreviousKeyEncryptionKeyFiles", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(kek.ToText(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KekRotationRewrapsEveryDataKeyWhileTheStoreRunsAndTheOldKekCanThenGo()
    {
        var keys = new SwitchableKeys(new KeyEncryptionKeyRing(kek, []));
        var store = await OpenProtectedAsync(keys);
        var payloads = Enumerable.Range(0, 5).Select(i => TestParties.Payload(200, i)).ToList();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await SubmitKeptAsync(store, $"rot-{i}", payloads[i], $"wf-rot-{i}")).Message.EnvelopeId);
        }

        // The operator makes a new KEK current and keeps the old one as previous: no restart.
        var next = KeyEncryptionKey.Generate();
        keys.Ring = new KeyEncryptionKeyRing(next, [kek]);
        ids.Add((await SubmitKeptAsync(store, "rot-3", payloads[3], "wf-rot-3")).Message.EnvelopeId);
        Assert.Equal([kek.Id, kek.Id, kek.Id, next.Id], (await RawDatabase.ColumnAsync(Options, "SELECT kek_id FROM data_keys")).Cast<string>().Order(Comparer<string>.Create((a, b) => (a == next.Id).CompareTo(b == next.Id))));

        var first = await store.RewrapDataKeysAsync(2);
        Assert.Equal((2, 1L), (first.Rewrapped, first.Remaining));
        ids.Add((await SubmitKeptAsync(store, "rot-4", payloads[4], "wf-rot-4")).Message.EnvelopeId);
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.True((await store.GetPayloadAsync(ids[i]))!.Value.Span.SequenceEqual(payloads[i]));
        }

        var second = await store.RewrapDataKeysAsync(2);
        Assert.Equal((1, 0L), (second.Rewrapped, second.Remaining));
        Assert.Equal(new Dictionary<string, long> { [next.Id] = 5 }, second.LiveKeysByKek);
        Assert.Equal(0, (await store.RewrapDataKeysAsync(2)).Rewrapped);
        Assert.Equal(2, (await AuditTypesAsync(store)).Count(t => t == AuditEventType.DataKeysRewrapped));
        Assert.True((await store.VerifyAuditChainAsync()).IsIntact);

        // The old KEK is removed: a store opened with the new one alone reads everything.
        await store.DisposeAsync();
        opened.Remove(store);
        var reopened = await OpenProtectedAsync(new FixedKeyEncryptionKeys(next));
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.True((await reopened.GetPayloadAsync(ids[i]))!.Value.Span.SequenceEqual(payloads[i]));
        }
    }

    [Fact]
    public async Task AStoreOpenedWithoutKekReadsMetadataButNoEncryptedField()
    {
        Guid id;
        await using (var store = await OpenProtectedAsync())
        {
            id = (await SubmitKeptAsync(store, "no-kek", TestParties.Payload(100, 1), "wf-no-kek")).Message.EnvelopeId;
        }

        opened.Clear();
        var plain = await OpenAsync();

        Assert.Single(await plain.ListByCorrelationAsync(MessageDirection.Outbound, "wf-no-kek", null, 10));
        var error = await Assert.ThrowsAsync<ProtectedFieldException>(() => plain.GetPayloadAsync(id));
        Assert.Contains("opened without a key-encryption key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessagesAStoreWithoutEncryptionWroteInClearAreEncryptedInPlaceReadBackTheSameAndKeepTheirRetention()
    {
        var kept = TestParties.Payload(3000, 11);
        var envelope = Parties.SealToYunnan(1);
        var (record, receipt) = Parties.Arrive(envelope);
        var ciphertext = Liaison.Envelope.V1.SealedEnvelope.Parser.ParseFrom(envelope).Ciphertext.Span[..64].ToArray();
        Guid outboundId;
        MessageRecord inbound;
        await using (var plain = await OpenAsync())
        {
            outboundId = (await SubmitKeptAsync(plain, "clear-kept", kept, "wf-clear")).Message.EnvelopeId;
            inbound = (await plain.RecordInboundAsync(record, receipt)).Message;
            // Sent without keeping its payload: nothing personal is stored for it, so nothing to encrypt.
            await SubmitAsync(plain, "clear-none", seed: 3);
        }

        opened.Clear();
        var bodies = await RawDatabase.AllBlobsAsync(Options, "message_bodies");
        Assert.True(RawDatabase.Contains(bodies, kept[..64]) && RawDatabase.Contains(bodies, ciphertext), "the premise: a store without a KEK writes personal data in clear");

        Parties.Time.Advance(TimeSpan.FromDays(3));
        var store = await OpenProtectedAsync();
        Assert.Equal(new ClearMessagesReport(1, 1), await store.EncryptClearMessagesAsync(1));
        Assert.Equal(new ClearMessagesReport(1, 0), await store.EncryptClearMessagesAsync(10));
        Assert.Equal(new ClearMessagesReport(0, 0), await store.EncryptClearMessagesAsync(10));

        var raw = await RawDatabase.AllBlobsAsync(Options, "messages", "message_bodies", "outbox", "audit", "data_keys");
        Assert.False(RawDatabase.Contains(raw, kept[..64]));
        Assert.False(RawDatabase.Contains(raw, record.Payload!.Value.Span[..64].ToArray()));
        Assert.False(RawDatabase.Contains(raw, ciphertext));
        Assert.Equal(2, (await RawDatabase.ColumnAsync(Options, "SELECT data_key_id FROM messages WHERE data_key_id IS NOT NULL")).Count);
        Assert.Single(await RawDatabase.ColumnAsync(Options, "SELECT envelope_id FROM messages WHERE data_key_id IS NULL"));

        // Callers read exactly what was written.
        Assert.True((await store.GetPayloadAsync(outboundId))!.Value.Span.SequenceEqual(kept));
        var reread = await store.GetAsync(inbound.EnvelopeId);
        Assert.Equal(inbound, reread, MessageRecordComparer.Instance);
        Assert.True(reread!.EnvelopeBytes.Span.SequenceEqual(envelope));

        // Audited once per pass that encrypted any, with counts only.
        var entries = (await store.ReadAuditAsync(1, 10_000)).Where(e => e.EventType == AuditEventType.ClearMessagesEncrypted).Select(e => e.Detail).ToList();
        Assert.Equal(
            ["1 messages stored in clear encrypted in place under 1 data keys; 1 still in clear", "1 messages stored in clear encrypted in place under 1 data keys; 0 still in clear"],
            entries);
        Assert.True((await store.VerifyAuditChainAsync()).IsIntact);

        // The case keys' last activity is the messages', three days back, not the encryption's:
        // a retention of two days is over for them, and the erasure ends it.
        Assert.Equal(2, (await store.EraseExpiredCasesAsync(TimeSpan.FromDays(2), Parties.Time.GetUtcNow(), 10)).Count);
        await Assert.ThrowsAsync<CaseErasedException>(() => store.GetPayloadAsync(outboundId));
    }
}
