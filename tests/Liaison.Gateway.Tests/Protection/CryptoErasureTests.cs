using Grpc.Core;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Grpc.Internal;
using Liaison.Gateway.Protection;
using Liaison.Gateway.Protection.Internal;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Tests.Grpc;
using Liaison.Gateway.V1;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StoredDirection = Liaison.Gateway.Storage.MessageDirection;

namespace Liaison.Gateway.Tests.Protection;

/// <summary>
/// Retention from the agreement and crypto-erasure (issue 6 §3): on a fake clock, a case
/// idle for longer than the agreement's retention loses its data key; its personal data can
/// no longer be decrypted by anything the node holds, the API says so, the other cases are
/// intact, and the audit log still verifies.
/// </summary>
public sealed class CryptoErasureTests : IAsyncLifetime
{
    private readonly TestParties parties = new();
    private readonly string root = Directory.CreateTempSubdirectory("liaison-erasure-").FullName;
    private ServiceProvider services = null!;
    private GatewayStore store = null!;

    private StoreOptions Options => new() { Provider = StoreProvider.Sqlite, DataDirectory = Path.Combine(root, "data") };

    public async Task InitializeAsync()
    {
        var kekFile = Path.Combine(root, "kek");
        KeyEncryptionKeyFile.Create(kekFile);
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(parties.Time);
        collection.AddOptions<ProtectionOptions>().Configure(o => o.KeyEncryptionKeyFile = kekFile);
        collection.AddSingleton<KeyEncryptionKeySource>();
        collection.AddSingleton(new GatewayNode(parties.Agreement, parties.LaoCaiKeys, parties.Time));
        collection.AddSingleton<IGatewayStore>(_ => store);
        collection.AddSingleton<DataKeyMaintenanceService>();
        services = collection.BuildServiceProvider();
        store = await GatewayStore.OpenAsync(Options, FieldProtection.With(services.GetRequiredService<KeyEncryptionKeySource>()), parties.Time);
    }

    [Fact]
    public async Task ACasePastItsRetentionIsErasedForGoodWhileOtherCasesAndTheAuditLogStayIntact()
    {
        var retention = parties.Agreement.Document.Retention.ToTimeSpan();

        // Case LC-2026-0042 (an inbound request) and workflow wf-old: last active now.
        var envelope = parties.SealToYunnan(1);
        var (record, receipt) = parties.Arrive(envelope);
        var oldInbound = (await store.RecordInboundAsync(record, receipt)).Message;
        var oldPayload = TestParties.Payload(500, 11);
        var oldStep = (await SubmitKeptAsync("old", oldPayload, "wf-old")).Message;
        var (origin, signer) = CheckpointIssuer.SigningIdentity(parties.Agreement, parties.LaoCaiKeys, parties.Time);
        Assert.NotNull(await store.IssueAuditCheckpointAsync(origin, signer));

        // Workflow wf-new: last active 600 days later.
        parties.Time.Advance(TimeSpan.FromDays(600));
        var newPayload = TestParties.Payload(500, 12);
        var newStep = (await SubmitKeptAsync("new", newPayload, "wf-new")).Message;
        Assert.NotNull(await store.IssueAuditCheckpointAsync(origin, signer));

        // Not yet: the first cases have been idle 600 days of the agreement's retention.
        var maintenance = services.GetRequiredService<DataKeyMaintenanceService>();
        Assert.Empty((await maintenance.RunOnceAsync(CancellationToken.None)).Erased);

        // Past the retention of the first cases, not of the last.
        parties.Time.Advance(retention - TimeSpan.FromDays(599));
        var erased = (await maintenance.RunOnceAsync(CancellationToken.None)).Erased;

        Assert.Equal(2, erased.Count);
        Assert.All(erased, e => Assert.Equal(1, e.Messages));
        Assert.All(erased, e => Assert.Equal(parties.Time.GetUtcNow(), e.ErasedAt));

        // The API says erased, for the message and its payload, with a clear status.
        var fetch = await Assert.ThrowsAsync<CaseErasedException>(() => store.GetAsync(oldInbound.EnvelopeId));
        Assert.Equal(oldInbound.EnvelopeId, fetch.EnvelopeId);
        await Assert.ThrowsAsync<CaseErasedException>(() => store.GetPayloadAsync(oldStep.EnvelopeId));
        var status = ErrorMapper.Map(fetch, out var unexpected);
        Assert.False(unexpected);
        Assert.Equal(StatusCode.FailedPrecondition, status.StatusCode);
        Assert.Equal("CASE_ERASED", RpcAssert.Info(status).Reason);
        Assert.Contains("erased", status.Status.Detail, StringComparison.Ordinal);

        // Metadata stays: the inbox still lists the message, without personal data; the erased workflow is gone from listings.
        var listed = Assert.Single((await store.ListInboxAsync(new InboxQuery(10))).Messages);
        Assert.Equal((oldInbound.EnvelopeId, (ReadOnlyMemory<byte>?)null, 0), (listed.EnvelopeId, listed.Payload, listed.EnvelopeBytes.Length));
        Assert.Equal(["wf-new"], await store.ListCorrelationIdsAsync(CorrelationQuery.AllTime));

        // The other case is intact.
        Assert.True((await store.GetPayloadAsync(newStep.EnvelopeId))!.Value.Span.SequenceEqual(newPayload));

        // The database: no plaintext, no wrapped key left for the erased cases, and no key the node holds opens their columns.
        var raw = await RawDatabase.AllBlobsAsync(Options, "messages", "message_bodies", "outbox", "audit", "data_keys", "checkpoints");
        Assert.False(RawDatabase.Contains(raw, record.Payload!.Value.Span[..64].ToArray()));
        Assert.False(RawDatabase.Contains(raw, oldPayload[..64]));
        Assert.False(RawDatabase.Contains(raw, Liaison.Envelope.V1.SealedEnvelope.Parser.ParseFrom(envelope).Ciphertext.Span[..64].ToArray()));
        var erasedKeys = await KeyRowsAsync("erased_at IS NOT NULL");
        Assert.Equal(2, erasedKeys.Count);
        Assert.All(erasedKeys, k => Assert.Null(k.Wrapped));
        var kek = services.GetRequiredService<KeyEncryptionKeySource>().Ring.Current;
        var held = (await KeyRowsAsync("erased_at IS NULL")).Select(k => kek.TryUnwrap(k.Wrapped, k.Id)!).ToList();
        Assert.Single(held);
        var erasedColumns = await ProtectedColumnsAsync(erasedKeys.ConvertAll(k => k.Id));
        Assert.Equal(3, erasedColumns.Count);
        foreach (var (id, column, blob) in erasedColumns)
        {
            foreach (var key in held)
            {
                foreach (var keyId in erasedKeys.Select(k => k.Id))
                {
                    Assert.Null(FieldCipher.TryDecrypt(key, keyId, id, column, blob));
                }
            }
        }

        // The audit trail records each erasure by ids and a keyed hash, never by the case, and still verifies end to end.
        var entries = (await store.ReadAuditAsync(1, 10_000)).Where(e => e.EventType == AuditEventType.CaseErased).ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.DoesNotContain("LC-2026-0042", e.Detail, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain("wf-old", e.Detail, StringComparison.Ordinal));
        Assert.All(erased, c => Assert.Contains(entries, e => e.Detail.Contains(c.DataKeyId.ToString("D"), StringComparison.Ordinal) && e.Detail.Contains(c.ScopeHash, StringComparison.Ordinal)));
        Assert.True((await store.VerifyAuditChainAsync()).IsIntact);
        var report = await AuditLogVerifier.VerifyAsync(Options, parties.Agreement, TestParties.LaoCai);
        Assert.True(report.IsIntact, string.Join(" ", report.Problems.Select(p => p.Description)));
        Assert.Equal(2, report.CheckpointsVerified);

        // A second pass finds nothing more to erase.
        Assert.Empty((await maintenance.RunOnceAsync(CancellationToken.None)).Erased);
    }

    [Fact]
    public async Task AnErasedCaseThatComesBackGetsANewKeyAndItsOldMessagesStayErased()
    {
        var first = (await SubmitKeptAsync("again-1", TestParties.Payload(100, 1), "wf-again")).Message;
        parties.Time.Advance(TimeSpan.FromDays(2));
        Assert.Single(await store.EraseExpiredCasesAsync(TimeSpan.FromDays(1), parties.Time.GetUtcNow(), 10));

        var payload = TestParties.Payload(100, 2);
        var second = (await SubmitKeptAsync("again-2", payload, "wf-again")).Message;

        await Assert.ThrowsAsync<CaseErasedException>(() => store.GetPayloadAsync(first.EnvelopeId));
        Assert.True((await store.GetPayloadAsync(second.EnvelopeId))!.Value.Span.SequenceEqual(payload));
    }

    [Fact]
    public async Task AMaintenancePassEncryptsWhatAStoreWithoutEncryptionLeftInClearAndErasesWhatIsPastItsRetention()
    {
        var retention = parties.Agreement.Document.Retention.ToTimeSpan();
        var keys = services.GetRequiredService<KeyEncryptionKeySource>();
        var oldPayload = TestParties.Payload(500, 21);
        var newPayload = TestParties.Payload(500, 22);

        // Two workflow steps written in clear by a store without field-level encryption, 600 days apart.
        await store.DisposeAsync();
        store = await GatewayStore.OpenAsync(Options, parties.Time);
        var oldStep = (await SubmitKeptAsync("clear-old", oldPayload, "wf-clear-old")).Message;
        parties.Time.Advance(TimeSpan.FromDays(600));
        var newStep = (await SubmitKeptAsync("clear-new", newPayload, "wf-clear-new")).Message;
        await store.DisposeAsync();
        Assert.True(RawDatabase.Contains(await RawDatabase.AllBlobsAsync(Options, "message_bodies"), oldPayload[..64]), "the premise: a store without a KEK writes payloads in clear");

        store = await GatewayStore.OpenAsync(Options, FieldProtection.With(keys), parties.Time);
        parties.Time.Advance(retention - TimeSpan.FromDays(599));
        var maintenance = services.GetRequiredService<DataKeyMaintenanceService>();
        var pass = await maintenance.RunOnceAsync(CancellationToken.None);

        // Both are encrypted; the old one's case, idle a day past its retention, is erased in the same pass.
        Assert.Equal(2, pass.Encrypted);
        Assert.Equal(1, Assert.Single(pass.Erased).Messages);
        await Assert.ThrowsAsync<CaseErasedException>(() => store.GetPayloadAsync(oldStep.EnvelopeId));
        Assert.True((await store.GetPayloadAsync(newStep.EnvelopeId))!.Value.Span.SequenceEqual(newPayload));
        var raw = await RawDatabase.AllBlobsAsync(Options, "messages", "message_bodies", "outbox", "audit", "data_keys");
        Assert.False(RawDatabase.Contains(raw, oldPayload[..64]));
        Assert.False(RawDatabase.Contains(raw, newPayload[..64]));
        Assert.Equal(
            [AuditEventType.ClearMessagesEncrypted, AuditEventType.CaseErased],
            (await store.ReadAuditAsync(1, 10_000)).Select(e => e.EventType).Where(t => t is AuditEventType.ClearMessagesEncrypted or AuditEventType.CaseErased));
        Assert.True((await store.VerifyAuditChainAsync()).IsIntact);

        // Nothing is left in clear for the next pass.
        Assert.Equal((0, 0), ((await maintenance.RunOnceAsync(CancellationToken.None)).Encrypted, (await store.EncryptClearMessagesAsync(10)).Remaining));
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    private Task<SubmitResult> SubmitKeptAsync(string requestId, byte[] payload, string correlationId)
    {
        var submission = TestParties.Submission(requestId, payload) with { CorrelationId = correlationId, KeptPayload = payload };
        return store.SubmitAsync(submission, parties.SealFor(submission, payload));
    }

    private async Task<List<(Guid Id, byte[]? Wrapped)>> KeyRowsAsync(string filter)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(Options.DataDirectory, "gateway.db"), Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT key_id, wrapped_key FROM data_keys WHERE {filter}";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(Guid, byte[]?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((new Guid((byte[])reader.GetValue(0), bigEndian: true), reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1)));
        }

        return rows;
    }

    /// <summary>The encrypted columns of the messages under <paramref name="keyIds"/>, as stored.</summary>
    private async Task<List<(Guid Id, string Column, byte[] Blob)>> ProtectedColumnsAsync(IReadOnlyCollection<Guid> keyIds)
    {
        var columns = new List<(Guid, string, byte[])>();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(Options.DataDirectory, "gateway.db"), Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT envelope_id, direction, payload, envelope_bytes, data_key_id FROM messages JOIN message_bodies USING (arrival_seq) WHERE data_key_id IS NOT NULL";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = new Guid((byte[])reader.GetValue(0), bigEndian: true);
            if (!keyIds.Contains(new Guid((byte[])reader.GetValue(4), bigEndian: true)))
            {
                continue;
            }

            if (!reader.IsDBNull(2))
            {
                columns.Add((id, FieldProtection.PayloadColumn, (byte[])reader.GetValue(2)));
            }

            if (reader.GetString(1) == nameof(StoredDirection.Inbound))
            {
                columns.Add((id, FieldProtection.EnvelopeColumn, (byte[])reader.GetValue(3)));
            }
        }

        return columns;
    }
}
