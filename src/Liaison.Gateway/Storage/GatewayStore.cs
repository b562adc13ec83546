using System.Globalization;
using Liaison.Audit.Merkle;
using Liaison.Audit.Notes;
using Liaison.Crypto;
using Liaison.Crypto.Envelopes;
using Liaison.Envelope.V1;
using Liaison.Gateway.Protection;
using Liaison.Gateway.Protection.Internal;
using Liaison.Gateway.Storage.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liaison.Gateway.Storage;

/// <summary>
/// The gateway store on SQLite or PostgreSQL: one implementation of the SQL, with
/// the differences between the two kept in a dialect. Writes go through a
/// group-commit writer (see <see cref="IGatewayStore"/>); reads open their own
/// connections. Thread-safe. Dispose to let queued writes commit and close.
/// </summary>
public sealed partial class GatewayStore : IGatewayStore, IAsyncDisposable
{
    private readonly SqlDialect dialect;
    private readonly GroupCommitWriter writer;
    private readonly SubmitSealing sealing;
    private readonly FieldProtection protection;
    private readonly Lock closeGate = new();
    private Task? closing;

    private GatewayStore(SqlDialect dialect, GroupCommitWriter writer, SubmitSealing sealing, FieldProtection protection)
    {
        this.dialect = dialect;
        this.writer = writer;
        this.sealing = sealing;
        this.protection = protection;
    }

    /// <summary>How many write transactions have committed since opening: with group commit, fewer than the writes.</summary>
    public long CommittedWriteTransactions => writer.CommittedTransactions;

    /// <summary>How long the single writer has been busy running and committing transactions since the store opened.</summary>
    public TimeSpan WriterBusyTime => writer.BusyTime;

    /// <summary>
    /// Where the writer's busy time went since the store opened, by kind of write, batch end and
    /// commit: which part of the store to make cheaper when the writer is the bottleneck.
    /// </summary>
    public IReadOnlyList<StoreWriterTime> WriterTime() => writer.TimeByPhase();

    /// <summary>
    /// SQLite WAL checkpoints since the store opened: those run beside the writer, and those the
    /// writer ran itself because the WAL had outgrown the others; zeros on PostgreSQL.
    /// </summary>
    public (long Background, long ByWriter) WalCheckpoints => writer.WalCheckpoints;

    /// <summary>Validates the options, applies pending migrations and opens the store.</summary>
    /// <param name="time">The clock for every time the store records itself.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are not usable; the message lists why.</exception>
    public static Task<GatewayStore> OpenAsync(StoreOptions options, TimeProvider time, ILogger<GatewayStore>? logger = null, CancellationToken cancellationToken = default) =>
        OpenAsync(options, FieldProtection.None, time, logger, cancellationToken: cancellationToken);

    /// <summary>Validates the options, applies pending migrations and opens the store, encrypting personal columns with <paramref name="protection"/>.</summary>
    /// <param name="subjects">How the store's own entries about a message name its case (see <see cref="IAuditSubjects"/>); null to name none.</param>
    /// <exception cref="DataProtectionException">Data keys in the store are wrapped by a KEK that <paramref name="protection"/> does not hold.</exception>
    public static async Task<GatewayStore> OpenAsync(StoreOptions options, FieldProtection protection, TimeProvider time, ILogger<GatewayStore>? logger = null, IAuditSubjects? subjects = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        StoreOptionsValidator.ThrowIfInvalid(options);
        // A copy: the options object is mutable, the store's settings are not.
        var settings = new StoreOptions
        {
            Provider = options.Provider,
            DataDirectory = options.DataDirectory,
            ConnectionString = options.ConnectionString,
            Schema = options.Schema,
            MaxBatchSize = options.MaxBatchSize,
            OutboxClaimLease = options.OutboxClaimLease,
        };
        var dialect = SqlDialect.For(settings);
        IReadOnlyList<int> applied;
        IReadOnlyDictionary<string, ulong> lastSequences;
        try
        {
            applied = await SchemaMigrations.ApplyAsync(dialect, time.GetUtcNow(), cancellationToken);
            await DataKeyMaintenance.RequireKeysAsync(dialect, protection, cancellationToken);
            await using var connection = await dialect.OpenForReadAsync(cancellationToken);
            lastSequences = await LinkSequences.LastAsync(new StoreSession(connection, null, dialect), cancellationToken);
        }
        catch
        {
            await dialect.DisposeAsync();
            throw;
        }

        var log = (ILogger?)logger ?? NullLogger.Instance;
        StoreLog.Ready(log, settings.Provider, applied.Count == 0 ? "none" : string.Join(", ", applied));
        var store = new GatewayStore(dialect, new GroupCommitWriter(dialect, time, settings, log, protection, subjects), new SubmitSealing(lastSequences), protection);
        await store.ReleaseOutboxAsync(time.GetUtcNow(), cancellationToken);
        await store.CompleteAuditTreeAsync(cancellationToken);
        return store;
    }

    /// <summary>
    /// Adds the leaves a tree that lags its entries lacks (after migration 11, which rebuilds it), in
    /// one write transaction, before anyone reads a tree head or a proof: the writer would otherwise
    /// do it only at its first write.
    /// </summary>
    private async Task CompleteAuditTreeAsync(CancellationToken cancellationToken)
    {
        var lags = await ReadAsync(
            async s => await AuditNodeTable.LeafCountAsync(s, cancellationToken) < ((await AuditTable.ReadLastAsync(s, cancellationToken))?.Seq ?? 0),
            cancellationToken);
        if (lags)
        {
            await writer.WriteAsync(_ => Task.FromResult(true), cancellationToken);
        }
    }

    /// <summary>Makes the outbox rows a previous run leased or backed off due now; audited when there were any.</summary>
    private async Task<int> ReleaseOutboxAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Looked at first, so that opening a store with nothing to release writes nothing.
        if (!await ReadAsync(s => OutboxTable.AnyNotDueAsync(s, now, cancellationToken), cancellationToken))
        {
            return 0;
        }

        return await writer.WriteAsync(
            async c =>
            {
                var released = await OutboxTable.ReleaseAllAsync(c.Session, c.Now, CancellationToken.None);
                if (released > 0)
                {
                    await c.Audit.AppendAsync(AuditEventType.OutboxReleased, null, "", "",
                        string.Create(CultureInfo.InvariantCulture, $"{released} outbox rows leased or backed off by the previous run made due"), CancellationToken.None);
                }

                return released;
            },
            cancellationToken);
    }

    public Task<SubmitResult> SubmitAsync(OutboundSubmission submission, Func<ulong, SealResult> seal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(seal);
        submission.Validate();
        return sealing.SubmitAsync(
            submission.PeerNode,
            seal,
            (ticket, finished) => writer.WriteAsync(c => SubmitOperation.RunAsync(c, submission, seal, ticket, CancellationToken.None), cancellationToken, StoreWriterPhase.Submit, finished));
    }

    public Task<IReadOnlyList<OutboxItem>> ClaimDueOutboxAsync(int max, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ClaimDueOutboxAsync(max, long.MaxValue, now, cancellationToken);

    public Task<IReadOnlyList<OutboxItem>> ClaimDueOutboxAsync(int max, long maxBytes, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        return writer.WriteAsync(c => OutboxOperations.ClaimAsync(c, max, maxBytes, now, CancellationToken.None), cancellationToken, StoreWriterPhase.OutboxClaim);
    }

    public Task<int> MarkPublishedAsync(IReadOnlyCollection<long> outboxIds, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outboxIds);
        var ids = outboxIds.ToArray();
        return writer.WriteAsync(c => OutboxOperations.MarkPublishedAsync(c, ids, now, CancellationToken.None), cancellationToken, StoreWriterPhase.OutboxConfirm);
    }

    public Task<bool> ScheduleRetryAsync(long outboxId, DateTimeOffset nextAttempt, string errorCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(errorCode);
        if (errorCode.Length == 0 || !Identifiers.IsReference(errorCode))
        {
            throw new ArgumentException("An error code is 1 to 64 characters of A-Z, a-z, 0-9, '/', '.', '_' and '-', never a message text.", nameof(errorCode));
        }

        return writer.WriteAsync(c => OutboxOperations.ScheduleRetryAsync(c, outboxId, nextAttempt, errorCode, CancellationToken.None), cancellationToken, StoreWriterPhase.OutboxConfirm);
    }

    public Task<RecordResult> RecordReceiptAsync(Guid envelopeId, ReadOnlyMemory<byte> receiptBytes, ReceiptStatus status, RejectionReason reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var consistent = status == ReceiptStatus.Accepted ? reason == RejectionReason.Unspecified
            : status == ReceiptStatus.Rejected && reason != RejectionReason.Unspecified && Enum.IsDefined(reason);
        if (!consistent || receiptBytes.IsEmpty)
        {
            throw new ArgumentException("A receipt is accepted with no reason, or rejected with one, and comes with its signed bytes.", nameof(status));
        }

        var bytes = receiptBytes.ToArray();
        return writer.WriteAsync(c => ReceiptOperation.RunAsync(c, envelopeId, bytes, status, reason, now, CancellationToken.None), cancellationToken, StoreWriterPhase.Receipt);
    }

    public Task<RecordResult> RecordInboundAsync(InboundRecord record, ReadOnlyMemory<byte>? receiptOutboxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        record.Validate();
        var receipt = OptionalBytes.Copy(receiptOutboxBytes);
        return writer.WriteAsync(c => InboundOperation.RunAsync(c, record, receipt, CancellationToken.None), cancellationToken, StoreWriterPhase.Inbound);
    }

    public Task RecordUnreadableRejectionAsync(RejectionReason reason, CancellationToken cancellationToken = default)
    {
        var code = ReasonCodes.Of(reason);
        if (code.Length == 0)
        {
            throw new ArgumentException("A refusal needs a rejection reason.", nameof(reason));
        }

        return writer.WriteAsync(
            async c =>
            {
                await c.Audit.AppendAsync(AuditEventType.Rejected, null, "", code, "an envelope without a readable header was refused", CancellationToken.None);
                return true;
            },
            cancellationToken);
    }

    public Task RecordReceiptRefusalAsync(Guid? envelopeId, string peerNode, RejectionReason reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(peerNode);
        var code = ReasonCodes.Of(reason);
        if (code.Length == 0)
        {
            throw new ArgumentException("A refusal needs a rejection reason.", nameof(reason));
        }

        return writer.WriteAsync(
            async c =>
            {
                await c.Audit.AppendAsync(AuditEventType.ReceiptRefused, envelopeId, peerNode, code, "a receipt was refused; the message is unchanged",
                    peerNode.Length > 0 ? peerNode : Auditing.AuditActors.Node, CancellationToken.None);
                return true;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<Guid>> ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(c => ExpiryOperation.RunAsync(c, now, CancellationToken.None), cancellationToken);

    public Task<MessageRecord?> GetAsync(Guid envelopeId, CancellationToken cancellationToken = default) =>
        ReadAsync(s => MessageTable.FindAsync(s, protection, envelopeId, whenErased: false, cancellationToken), cancellationToken);

    public Task<MessageRecord?> GetMetadataAsync(Guid envelopeId, CancellationToken cancellationToken = default) =>
        ReadAsync(s => MessageTable.FindAsync(s, envelopeId, cancellationToken), cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, MessageRecord>> GetMetadataAsync(IReadOnlyCollection<Guid> envelopeIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelopeIds);
        return envelopeIds.Count == 0
            ? new Dictionary<Guid, MessageRecord>()
            : await ReadAsync(s => MessageTable.FindManyAsync(s, envelopeIds.Distinct().ToList(), cancellationToken), cancellationToken);
    }

    public Task<MessageRecord?> GetByRequestIdAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        return ReadAsync(s => MessageTable.FindByRequestIdAsync(s, protection, requestId, whenErased: false, cancellationToken), cancellationToken);
    }

    public Task<InboxPage> ListInboxAsync(InboxQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, InboxQuery.MaxPageSize);
        var after = PageToken.Decode(query.PageToken);
        return ReadAsync(
            async s =>
            {
                // One row more than asked says whether another page follows.
                var rows = await MessageTable.ListInboundAsync(s, protection, after, query.PeerNode, query.State, query.PageSize + 1, cancellationToken, query.ExcludedTypePrefix);
                var page = rows.Take(query.PageSize).ToList();
                var next = rows.Count > query.PageSize ? PageToken.Encode(page[^1].Arrival) : "";
                return new InboxPage(page.ConvertAll(r => r.Message), next);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<MessageSummary>> ListByCorrelationAsync(MessageDirection direction, string correlationId, string? messageType, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(correlationId);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return ReadAsync<IReadOnlyList<MessageSummary>>(
            async s => await MessageTable.ListByCorrelationAsync(s, direction, correlationId, messageType, max, cancellationToken),
            cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListCorrelationIdsAsync(CorrelationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync<IReadOnlyList<string>>(
            async s => await MessageTable.ListCorrelationIdsAsync(s, query.CaseReference, query.MessageTypePrefix, query.From, query.ToExclusive, query.Max, cancellationToken),
            cancellationToken);
    }

    public Task<ReadOnlyMemory<byte>?> GetPayloadAsync(Guid envelopeId, CancellationToken cancellationToken = default) =>
        ReadAsync(s => MessageTable.FindPayloadAsync(s, protection, envelopeId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(long fromSeq, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return ReadAsync<IReadOnlyList<AuditEntry>>(
            async s => (await AuditTable.ReadAsync(s, fromSeq, max, cancellationToken)).ConvertAll(r => r.ToEntry()),
            cancellationToken);
    }

    public Task<AuditChainReport> VerifyAuditChainAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(s => AuditVerifier.VerifyAsync(s, cancellationToken), cancellationToken);

    public Task<AuditTreeHead> GetAuditTreeHeadAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(
            async s =>
            {
                var size = await AuditNodeTable.LeafCountAsync(s, cancellationToken);
                return new AuditTreeHead(size, await new MerkleProver(new StoreHashStore(s)).RootAsync((ulong)size, cancellationToken));
            },
            cancellationToken);

    public Task<InclusionProof> GetAuditInclusionProofAsync(long seq, long treeSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seq, treeSize);
        return ReadAsync(
            async s =>
            {
                await RequireTreeSizeAsync(s, treeSize, cancellationToken);
                return await new MerkleProver(new StoreHashStore(s)).InclusionProofAsync((ulong)(seq - 1), (ulong)treeSize, cancellationToken);
            },
            cancellationToken);
    }

    public Task<ConsistencyProof> GetAuditConsistencyProofAsync(long fromSize, long toSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fromSize, toSize);
        return ReadAsync(
            async s =>
            {
                await RequireTreeSizeAsync(s, toSize, cancellationToken);
                return await new MerkleProver(new StoreHashStore(s)).ConsistencyProofAsync((ulong)fromSize, (ulong)toSize, cancellationToken);
            },
            cancellationToken);
    }

    public Task<AuditCheckpoint?> IssueAuditCheckpointAsync(string origin, INoteSigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(signer);
        return writer.WriteAsync(c => CheckpointOperation.RunAsync(c, origin, signer, CancellationToken.None), cancellationToken);
    }

    public Task<IReadOnlyList<AuditCheckpoint>> ListAuditCheckpointsAsync(long fromSize, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return ReadAsync<IReadOnlyList<AuditCheckpoint>>(
            async s => (await CheckpointTable.ReadAsync(s, fromSize, max, cancellationToken)).ConvertAll(r => r.ToCheckpoint()),
            cancellationToken);
    }

    private static async Task RequireTreeSizeAsync(StoreSession session, long treeSize, CancellationToken cancellationToken)
    {
        var size = await AuditNodeTable.LeafCountAsync(session, cancellationToken);
        if (treeSize > size)
        {
            throw new ArgumentOutOfRangeException(nameof(treeSize), treeSize, $"The audit log has {size} entries.");
        }
    }

    /// <summary>
    /// Lets every queued write commit, then closes the store's connections. Once: a second call,
    /// even one made while the first is still draining the writer (the service provider disposes
    /// the <see cref="IGatewayStore"/> it handed out, after <see cref="GatewayStoreHost"/> closed
    /// it), waits for the same closing instead of disposing the writer's statements beside it.
    /// </summary>
    public ValueTask DisposeAsync()
    {
        lock (closeGate)
        {
            closing ??= CloseAsync();
            return new ValueTask(closing);
        }
    }

    private async Task CloseAsync()
    {
        // Later submits are refused at once; those queued commit before the writer stops.
        sealing.Dispose();
        await writer.DisposeAsync();
        await dialect.DisposeAsync();
    }

    private async Task<T> ReadAsync<T>(Func<StoreSession, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenForReadAsync(cancellationToken);
        return await read(new StoreSession(connection, null, dialect));
    }
}
