using System.Data.Common;
using Liaison.Envelope.V1;
using Liaison.Gateway.Protection;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// The messages table's SQL. States and directions are stored by name, reasons and priorities by proto number.
/// The personal columns (payload, an inbound envelope) are written and read through <see cref="FieldProtection"/>:
/// with a data_key_id they hold ciphertext under that data key, without one they are clear.
/// Those two are kept in message_bodies, one row per message written once, and the rest in
/// messages, whose rows change with each state (migration 10).
/// </summary>
internal static class MessageTable
{
    private const string Columns =
        "envelope_id, direction, peer_node, message_type, case_reference, correlation_id, priority, sequence, state, rejection_reason, " +
        "request_id, request_digest, envelope_bytes, payload, receipt_bytes, created_at, updated_at, expires_at, data_key_id";

    /// <summary>A message with its body: <see cref="Columns"/> can be read from it.</summary>
    private const string WithBodies = "messages JOIN message_bodies USING (arrival_seq)";

    /// <summary>The rows of <see cref="WithBodies"/> that hold personal data in clear; binds @inbound.</summary>
    private const string InClear = "data_key_id IS NULL AND (payload IS NOT NULL OR direction = @inbound)";

    private const string RowColumns =
        "envelope_id, direction, peer_node, message_type, case_reference, correlation_id, priority, sequence, state, rejection_reason, " +
        "request_id, request_digest, receipt_bytes, created_at, updated_at, expires_at, data_key_id";

    private const string RowValues =
        "@envelope_id, @direction, @peer_node, @message_type, @case_reference, @correlation_id, @priority, @sequence, @state, @rejection_reason, " +
        "@request_id, @request_digest, @receipt_bytes, @created_at, @updated_at, @expires_at, @data_key_id";

    // By the message's envelope id rather than RETURNING its arrival number: one statement per
    // row, bound by index on the writer (SqliteRawStatement), and the same on both databases.
    private const string InsertBody =
        "INSERT INTO message_bodies (arrival_seq, envelope_bytes, payload) " +
        "VALUES ((SELECT arrival_seq FROM messages WHERE envelope_id = @envelope_id), @envelope_bytes, @payload)";

    /// <summary>A message with its personal columns decrypted.</summary>
    /// <param name="whenErased">True to return a message of an erased case without its personal data; false to throw <see cref="CaseErasedException"/>.</param>
    public static async Task<MessageRecord?> FindAsync(StoreSession session, FieldProtection protection, Guid envelopeId, bool whenErased, CancellationToken cancellationToken) =>
        await OpenAsync(session, protection, await session.QuerySingleAsync($"SELECT {Columns} FROM {WithBodies} WHERE envelope_id = @id", r => Read(r, 0, session.Dialect), cancellationToken,
            ("id", session.Dialect.ToDb(envelopeId))), whenErased, cancellationToken);

    /// <summary>
    /// A message's metadata and clear columns, without decrypting anything: an encrypted payload
    /// is left out (null) and an encrypted envelope is empty. For writes that only change its state.
    /// </summary>
    public static async Task<MessageRecord?> FindAsync(StoreSession session, Guid envelopeId, CancellationToken cancellationToken) =>
        (await session.QuerySingleAsync($"SELECT {Columns} FROM {WithBodies} WHERE envelope_id = @id", r => Read(r, 0, session.Dialect), cancellationToken,
            ("id", session.Dialect.ToDb(envelopeId))))?.WithoutProtected();

    /// <summary><see cref="FindAsync(StoreSession, Guid, CancellationToken)"/> for many messages, a chunk of keys per statement; those not stored are absent.</summary>
    public static async Task<IReadOnlyDictionary<Guid, MessageRecord>> FindManyAsync(StoreSession session, IReadOnlyList<Guid> envelopeIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<Guid, MessageRecord>(envelopeIds.Count);
        await InList.ForEachChunkAsync(
            envelopeIds,
            $"SELECT {Columns} FROM {WithBodies} WHERE envelope_id IN ({{keys}})",
            id => session.Dialect.ToDb(id),
            async (sql, parameters) =>
            {
                foreach (var stored in await session.QueryAsync(sql, r => Read(r, 0, session.Dialect), cancellationToken, parameters))
                {
                    found[stored.Message.EnvelopeId] = stored.WithoutProtected();
                }
            });
        return found;
    }

    public static async Task<MessageRecord?> FindByRequestIdAsync(StoreSession session, FieldProtection protection, string requestId, bool whenErased, CancellationToken cancellationToken) =>
        await OpenAsync(session, protection, await session.QuerySingleAsync($"SELECT {Columns} FROM {WithBodies} WHERE request_id = @request_id", r => Read(r, 0, session.Dialect), cancellationToken,
            ("request_id", requestId)), whenErased, cancellationToken);

    public static async Task InsertAsync(StoreSession session, FieldProtection protection, MessageRecord message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await protection.SealAsync(session, message, now, cancellationToken);
        try
        {
            await session.ExecuteAsync($"INSERT INTO messages ({RowColumns}) VALUES ({RowValues})", cancellationToken, RowParameters(session.Dialect, message, stored));
            await session.ExecuteAsync(InsertBody, cancellationToken, BodyParameters(session.Dialect, message, stored));
        }
        finally
        {
            protection.Release(stored);
        }
    }

    /// <summary>Rewrites every column but the key, the request and the arrival order: for an authentic envelope replacing a refused copy.</summary>
    public static async Task ReplaceAsync(StoreSession session, FieldProtection protection, MessageRecord message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await protection.SealAsync(session, message, now, cancellationToken);
        try
        {
            await ReplaceAsync(session, message, stored, cancellationToken);
        }
        finally
        {
            protection.Release(stored);
        }
    }

    private static async Task ReplaceAsync(StoreSession session, MessageRecord message, StoredFields stored, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            """
            UPDATE messages SET direction = @direction, peer_node = @peer_node, message_type = @message_type, case_reference = @case_reference,
                correlation_id = @correlation_id, priority = @priority, sequence = @sequence, state = @state, rejection_reason = @rejection_reason,
                receipt_bytes = @receipt_bytes, created_at = @created_at,
                updated_at = @updated_at, expires_at = @expires_at, data_key_id = @data_key_id
            WHERE envelope_id = @envelope_id
            """,
            cancellationToken,
            RowParameters(session.Dialect, message, stored));
        await session.ExecuteAsync(
            "UPDATE message_bodies SET envelope_bytes = @envelope_bytes, payload = @payload WHERE arrival_seq = (SELECT arrival_seq FROM messages WHERE envelope_id = @envelope_id)",
            cancellationToken,
            BodyParameters(session.Dialect, message, stored));
    }

    /// <summary>
    /// Up to <paramref name="max"/> messages, oldest first, whose personal data is stored in clear:
    /// no data key, and a payload or an inbound envelope (rows written before field-level encryption).
    /// </summary>
    public static async Task<IReadOnlyList<MessageRecord>> ListInClearAsync(StoreSession session, int max, CancellationToken cancellationToken) =>
        (await session.QueryAsync($"SELECT {Columns} FROM {WithBodies} WHERE {InClear} ORDER BY arrival_seq LIMIT @max", r => Read(r, 0, session.Dialect).Message, cancellationToken,
            ("inbound", nameof(MessageDirection.Inbound)), ("max", max)))
        .ToList();

    /// <summary>How many messages <see cref="ListInClearAsync"/> would find without a limit.</summary>
    public static Task<long> CountInClearAsync(StoreSession session, CancellationToken cancellationToken) =>
        session.ScalarAsync<long>($"SELECT COUNT(*) FROM {WithBodies} WHERE {InClear}", cancellationToken, ("inbound", nameof(MessageDirection.Inbound)));

    /// <summary>
    /// Encrypts a clear message's personal columns in place under its case's data key. The key's
    /// last activity is the message's own, not now: encrypting an old row must not restart the
    /// retention of its case, which the next erasure pass then ends if it is over.
    /// </summary>
    /// <returns>The data key the columns are under now.</returns>
    public static async Task<Guid> EncryptInPlaceAsync(StoreSession session, FieldProtection protection, MessageRecord clear, CancellationToken cancellationToken)
    {
        var stored = await protection.SealAsync(session, clear, clear.UpdatedAt, cancellationToken);
        try
        {
            var keyId = stored.DataKeyId ?? throw new InvalidOperationException("The store was opened without a key-encryption key.");
            await session.ExecuteAsync(
                "UPDATE message_bodies SET envelope_bytes = @envelope_bytes, payload = @payload WHERE arrival_seq = (SELECT arrival_seq FROM messages WHERE envelope_id = @envelope_id)",
                cancellationToken,
                BodyParameters(session.Dialect, clear, stored));
            await session.ExecuteAsync("UPDATE messages SET data_key_id = @key WHERE envelope_id = @id", cancellationToken,
                ("key", session.Dialect.ToDb(keyId)), ("id", session.Dialect.ToDb(clear.EnvelopeId)));
            return keyId;
        }
        finally
        {
            protection.Release(stored);
        }
    }

    /// <summary>Moves a message to a new state, refusing moves <see cref="MessageTransitions"/> does not allow.</summary>
    /// <exception cref="IllegalStateTransitionException">The move is not allowed from the message's current state.</exception>
    public static async Task<MessageRecord> MoveAsync(StoreSession session, MessageRecord current, MessageState to, RejectionReason reason, ReadOnlyMemory<byte>? receipt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!MessageTransitions.CanMove(current.Direction, current.State, to))
        {
            throw new IllegalStateTransitionException(current.EnvelopeId, current.Direction, current.State, to);
        }

        var moved = current with { State = to, RejectionReason = reason, ReceiptBytes = receipt, UpdatedAt = now };
        await session.ExecuteAsync(
            "UPDATE messages SET state = @state, rejection_reason = @reason, receipt_bytes = @receipt, updated_at = @now WHERE envelope_id = @id",
            cancellationToken,
            ("state", to.ToString()),
            ("reason", (int)reason),
            ("receipt", DbValues.Bytes(receipt)),
            ("now", DbValues.Millis(now)),
            ("id", session.Dialect.ToDb(current.EnvelopeId)));
        return moved;
    }

    /// <summary>The state, reason, partner and case of each of <paramref name="envelopeIds"/> that is stored, without reading the rest of the rows.</summary>
    public static async Task<Dictionary<Guid, (MessageState State, RejectionReason Reason, string PeerNode, string CaseReference)>> StatesAsync(StoreSession session, IReadOnlyList<Guid> envelopeIds, CancellationToken cancellationToken)
    {
        var states = new Dictionary<Guid, (MessageState, RejectionReason, string, string)>(envelopeIds.Count);
        await InList.ForEachChunkAsync(
            envelopeIds,
            "SELECT envelope_id, state, rejection_reason, peer_node, case_reference FROM messages WHERE envelope_id IN ({keys})",
            id => session.Dialect.ToDb(id),
            async (sql, parameters) =>
            {
                foreach (var (id, state) in await session.QueryAsync(
                    sql, r => (session.Dialect.ReadGuid(r, 0), (Enum.Parse<MessageState>(r.GetString(1)), (RejectionReason)r.GetInt32(2), r.GetString(3), r.GetString(4))), cancellationToken, parameters))
                {
                    states[id] = state;
                }
            });
        return states;
    }

    /// <summary>Moves those of <paramref name="envelopeIds"/> still Sealed to Published (outbound only ever; the caller checked the transition).</summary>
    public static Task MarkPublishedAsync(StoreSession session, IReadOnlyList<Guid> envelopeIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        InList.ForEachChunkAsync(
            envelopeIds,
            "UPDATE messages SET state = @published, updated_at = @now WHERE state = @sealed AND envelope_id IN ({keys})",
            id => session.Dialect.ToDb(id),
            (sql, parameters) => session.ExecuteAsync(
                sql, cancellationToken, [.. parameters, ("published", nameof(MessageState.Published)), ("sealed", nameof(MessageState.Sealed)), ("now", DbValues.Millis(now))]));

    /// <summary>Inbound messages after <paramref name="afterArrival"/>, in arrival order, with each one's arrival number.</summary>
    /// <remarks>Messages of an erased case come without their personal data: the listing goes on.</remarks>
    public static async Task<List<(long Arrival, MessageRecord Message)>> ListInboundAsync(StoreSession session, FieldProtection protection, long afterArrival, string? peerNode, MessageState? state, int limit, CancellationToken cancellationToken, string? excludedTypePrefix = null)
    {
        // Filters are added only when used: PostgreSQL cannot type an
        // "@p IS NULL OR column = @p" parameter that is null.
        var filters = "";
        List<(string, object?)> parameters = [("direction", nameof(MessageDirection.Inbound)), ("after", afterArrival), ("limit", limit)];
        if (peerNode is not null)
        {
            filters += " AND peer_node = @peer_node";
            parameters.Add(("peer_node", peerNode));
        }

        if (state is not null)
        {
            filters += " AND state = @state";
            parameters.Add(("state", state.Value.ToString()));
        }

        if (excludedTypePrefix is { Length: > 0 })
        {
            // substr rather than LIKE, whose _ and % a prefix could hold; the same in SQLite and PostgreSQL.
            filters += " AND substr(message_type, 1, @excluded_length) <> @excluded";
            parameters.Add(("excluded_length", excludedTypePrefix.Length));
            parameters.Add(("excluded", excludedTypePrefix));
        }

        var rows = await session.QueryAsync(
            $"SELECT arrival_seq, {Columns} FROM {WithBodies} WHERE direction = @direction AND arrival_seq > @after{filters} ORDER BY arrival_seq LIMIT @limit",
            r => (Arrival: r.GetInt64(0), Stored: Read(r, 1, session.Dialect)),
            cancellationToken,
            [.. parameters]);
        var opened = new List<(long, MessageRecord)>(rows.Count);
        foreach (var (arrival, stored) in rows)
        {
            opened.Add((arrival, await protection.OpenAsync(session, stored.Message, stored.DataKeyId, whenErased: true, cancellationToken)));
        }

        return opened;
    }

    /// <summary>Metadata of one direction's messages with this correlation id (and type), by sequence then arrival.</summary>
    public static Task<List<MessageSummary>> ListByCorrelationAsync(StoreSession session, MessageDirection direction, string correlationId, string? messageType, int limit, CancellationToken cancellationToken)
    {
        var filter = messageType is null ? "" : " AND message_type = @message_type";
        List<(string, object?)> parameters = [("direction", direction.ToString()), ("correlation_id", correlationId), ("limit", limit)];
        if (messageType is not null)
        {
            parameters.Add(("message_type", messageType));
        }

        return session.QueryAsync(
            "SELECT envelope_id, direction, peer_node, message_type, case_reference, correlation_id, sequence, state, rejection_reason, "
            + $"CASE WHEN payload IS NULL THEN 0 WHEN data_key_id IS NULL THEN length(payload) ELSE length(payload) - {Protection.Internal.FieldCipher.Overhead} END, created_at, updated_at FROM {WithBodies} "
            + $"WHERE correlation_id = @correlation_id AND direction = @direction{filter} ORDER BY sequence, arrival_seq LIMIT @limit",
            r => new MessageSummary
            {
                EnvelopeId = session.Dialect.ReadGuid(r, 0),
                Direction = Enum.Parse<MessageDirection>(r.GetString(1)),
                PeerNode = r.GetString(2),
                MessageType = r.GetString(3),
                CaseReference = r.GetString(4),
                CorrelationId = r.GetString(5),
                Sequence = checked((ulong)r.GetInt64(6)),
                State = Enum.Parse<MessageState>(r.GetString(7)),
                RejectionReason = (RejectionReason)r.GetInt32(8),
                PayloadSize = Convert.ToInt64(r.GetValue(9), System.Globalization.CultureInfo.InvariantCulture),
                CreatedAt = DbValues.Time(r.GetInt64(10)),
                UpdatedAt = DbValues.Time(r.GetInt64(11)),
            },
            cancellationToken,
            [.. parameters]);
    }

    /// <summary>
    /// Distinct correlation ids of messages in either direction, by case reference and/or a
    /// message-type prefix and creation time, oldest first. The workflows use the correlation
    /// id as their workflow id, so this lists a case's or a period's workflows. Those with
    /// crypto-erased messages are left out.
    /// </summary>
    public static Task<List<string>> ListCorrelationIdsAsync(StoreSession session, string? caseReference, string? messageTypePrefix, DateTimeOffset from, DateTimeOffset toExclusive, int limit, CancellationToken cancellationToken)
    {
        var filter = (caseReference is null ? "" : " AND case_reference = @case_reference")
            + (messageTypePrefix is null ? "" : " AND substr(message_type, 1, @prefix_length) = @prefix");
        List<(string, object?)> parameters = [("from", DbValues.Millis(from)), ("to", DbValues.Millis(toExclusive)), ("limit", limit)];
        if (caseReference is not null)
        {
            parameters.Add(("case_reference", caseReference));
        }

        if (messageTypePrefix is not null)
        {
            parameters.Add(("prefix", messageTypePrefix));
            parameters.Add(("prefix_length", messageTypePrefix.Length));
        }

        return session.QueryAsync(
            "SELECT correlation_id FROM messages "
            + $"WHERE correlation_id <> '' AND created_at >= @from AND created_at < @to{filter} "
            // A workflow (or attachment) with erased personal data is gone from listings: it can no longer be read.
            + "AND NOT EXISTS (SELECT 1 FROM messages erased JOIN data_keys k ON k.key_id = erased.data_key_id "
            + "WHERE erased.correlation_id = messages.correlation_id AND k.erased_at IS NOT NULL) "
            + "GROUP BY correlation_id ORDER BY MIN(arrival_seq) LIMIT @limit",
            r => r.GetString(0),
            cancellationToken,
            [.. parameters]);
    }

    /// <summary>The payload column alone, decrypted, for reading large correlated sets one message at a time.</summary>
    /// <exception cref="CaseErasedException">The message's case was erased.</exception>
    public static async Task<ReadOnlyMemory<byte>?> FindPayloadAsync(StoreSession session, FieldProtection protection, Guid envelopeId, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync($"SELECT payload, data_key_id FROM {WithBodies} WHERE envelope_id = @id",
            r => (Payload: DbValues.NullableBytes(r, 0), DataKeyId: r.IsDBNull(1) ? (Guid?)null : session.Dialect.ReadGuid(r, 1)), cancellationToken,
            ("id", session.Dialect.ToDb(envelopeId)));
        return rows.Count == 0 ? null : await protection.OpenPayloadAsync(session, envelopeId, rows[0].Payload, rows[0].DataKeyId, cancellationToken);
    }

    /// <summary>Outbound messages still waiting for a receipt whose envelope expired before <paramref name="now"/>, oldest first.</summary>
    public static Task<List<MessageRecord>> ListExpiredAsync(StoreSession session, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.QueryAsync(
            $"SELECT {Columns} FROM {WithBodies} WHERE direction = @direction AND state IN (@sealed, @published) AND expires_at < @now ORDER BY arrival_seq",
            r => Read(r, 0, session.Dialect).WithoutProtected(),
            cancellationToken,
            ("direction", nameof(MessageDirection.Outbound)),
            ("sealed", nameof(MessageState.Sealed)),
            ("published", nameof(MessageState.Published)),
            ("now", DbValues.Millis(now)));

    private static async Task<MessageRecord?> OpenAsync(StoreSession session, FieldProtection protection, StoredMessage? stored, bool whenErased, CancellationToken cancellationToken) =>
        stored is null ? null : await protection.OpenAsync(session, stored.Message, stored.DataKeyId, whenErased, cancellationToken);

    private static (string, object?)[] BodyParameters(SqlDialect dialect, MessageRecord m, StoredFields stored) =>
    [
        ("envelope_id", dialect.ToDb(m.EnvelopeId)),
        ("envelope_bytes", stored.EnvelopeBytes),
        ("payload", stored.Payload),
    ];

    private static (string, object?)[] RowParameters(SqlDialect dialect, MessageRecord m, StoredFields stored) =>
    [
        ("envelope_id", dialect.ToDb(m.EnvelopeId)),
        ("direction", m.Direction.ToString()),
        ("peer_node", m.PeerNode),
        ("message_type", m.MessageType),
        ("case_reference", m.CaseReference),
        ("correlation_id", m.CorrelationId),
        ("priority", (int)m.Priority),
        ("sequence", DbValues.Sequence(m.Sequence)),
        ("state", m.State.ToString()),
        ("rejection_reason", (int)m.RejectionReason),
        ("request_id", m.RequestId),
        ("request_digest", DbValues.Bytes(m.RequestDigest)),
        ("receipt_bytes", DbValues.Bytes(m.ReceiptBytes)),
        ("created_at", DbValues.Millis(m.CreatedAt)),
        ("updated_at", DbValues.Millis(m.UpdatedAt)),
        ("expires_at", DbValues.Millis(m.ExpiresAt)),
        ("data_key_id", stored.DataKeyId is { } keyId ? dialect.ToDb(keyId) : null),
    ];

    /// <summary>A row as stored: its personal columns still as written, with the data key they are under.</summary>
    private sealed record StoredMessage(MessageRecord Message, Guid? DataKeyId)
    {
        public MessageRecord WithoutProtected() => DataKeyId is null ? Message
            : Message with { Payload = null, EnvelopeBytes = Message.Direction == MessageDirection.Inbound ? ReadOnlyMemory<byte>.Empty : Message.EnvelopeBytes };
    }

    private static StoredMessage Read(DbDataReader r, int first, SqlDialect dialect) => new(new MessageRecord
    {
        EnvelopeId = dialect.ReadGuid(r, first),
        Direction = Enum.Parse<MessageDirection>(r.GetString(first + 1)),
        PeerNode = r.GetString(first + 2),
        MessageType = r.GetString(first + 3),
        CaseReference = r.GetString(first + 4),
        CorrelationId = r.GetString(first + 5),
        Priority = (Priority)r.GetInt32(first + 6),
        Sequence = checked((ulong)r.GetInt64(first + 7)),
        State = Enum.Parse<MessageState>(r.GetString(first + 8)),
        RejectionReason = (RejectionReason)r.GetInt32(first + 9),
        RequestId = DbValues.NullableString(r, first + 10),
        RequestDigest = DbValues.NullableBytes(r, first + 11),
        EnvelopeBytes = (byte[])r.GetValue(first + 12),
        Payload = DbValues.NullableBytes(r, first + 13),
        ReceiptBytes = DbValues.NullableBytes(r, first + 14),
        CreatedAt = DbValues.Time(r.GetInt64(first + 15)),
        UpdatedAt = DbValues.Time(r.GetInt64(first + 16)),
        ExpiresAt = DbValues.Time(r.GetInt64(first + 17)),
    }, r.IsDBNull(first + 18) ? null : dialect.ReadGuid(r, first + 18));
}
