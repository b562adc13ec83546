namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// The store's tables, as numbered migrations applied at start-up in one
/// transaction. A migration, once released, is never edited: a change is a new
/// version. Times are Unix milliseconds; ids of UUIDv7 envelopes are the dialect's uuid.
/// </summary>
internal static class SchemaMigrations
{
    private static IReadOnlyList<(int Version, IReadOnlyList<string> Statements)> All(SqlDialect d) =>
    [
        (1,
        [
            $"""
            CREATE TABLE IF NOT EXISTS messages (
                arrival_seq {d.IdentityKeyType},
                envelope_id {d.UuidType} NOT NULL UNIQUE,
                direction text NOT NULL,
                peer_node text NOT NULL,
                message_type text NOT NULL,
                case_reference text NOT NULL,
                correlation_id text NOT NULL,
                priority integer NOT NULL,
                sequence bigint NOT NULL,
                state text NOT NULL,
                rejection_reason integer NOT NULL,
                request_id text NULL UNIQUE,
                request_digest {d.BlobType} NULL,
                envelope_bytes {d.BlobType} NOT NULL,
                -- Kept apart from the envelope so that encryption at rest can wrap it alone.
                payload {d.BlobType} NULL,
                receipt_bytes {d.BlobType} NULL,
                created_at bigint NOT NULL,
                updated_at bigint NOT NULL,
                expires_at bigint NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS messages_by_direction ON messages (direction, arrival_seq)",
            "CREATE INDEX IF NOT EXISTS messages_by_expiry ON messages (direction, state, expires_at)",
            $"""
            CREATE TABLE IF NOT EXISTS outbox (
                outbox_id {d.IdentityKeyType},
                envelope_id {d.UuidType} NOT NULL,
                destination text NOT NULL,
                kind text NOT NULL,
                bytes {d.BlobType} NOT NULL,
                attempts integer NOT NULL,
                next_attempt_at bigint NOT NULL,
                -- An error code, never an exception message: those can quote data.
                last_error text NULL)
            """,
            "CREATE INDEX IF NOT EXISTS outbox_by_due_time ON outbox (next_attempt_at, outbox_id)",
            "CREATE INDEX IF NOT EXISTS outbox_by_envelope ON outbox (envelope_id)",
            """
            CREATE TABLE IF NOT EXISTS link_sequences (
                peer_node text NOT NULL PRIMARY KEY,
                last_sequence bigint NOT NULL)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS audit (
                seq bigint NOT NULL PRIMARY KEY,
                recorded_at bigint NOT NULL,
                event_type text NOT NULL,
                envelope_id {d.UuidType} NULL,
                peer_node text NOT NULL,
                reason_code text NOT NULL,
                detail text NOT NULL,
                hash {d.BlobType} NOT NULL)
            """,
            .. d.AppendOnlyAuditStatements,
        ]),
        (2,
        [
            // Attachments find their chunks and manifest by correlation id.
            "CREATE INDEX IF NOT EXISTS messages_by_correlation ON messages (correlation_id, direction, message_type)",
        ]),
        (3,
        [
            // The audit log's Merkle tree (RFC 6962): every perfect subtree completed so far, level 0
            // being the leaf hashes of the audit entries (leaf index = seq - 1). Written with the entries.
            $"""
            CREATE TABLE IF NOT EXISTS audit_nodes (
                level integer NOT NULL,
                idx bigint NOT NULL,
                hash {d.BlobType} NOT NULL,
                PRIMARY KEY (level, idx))
            """,
            // Signed C2SP checkpoints of the audit log, at most one per tree size.
            $"""
            CREATE TABLE IF NOT EXISTS checkpoints (
                tree_size bigint NOT NULL PRIMARY KEY,
                root {d.BlobType} NOT NULL,
                note text NOT NULL,
                issued_at bigint NOT NULL)
            """,
            .. d.AppendOnlyStatements("audit_nodes"),
            .. d.AppendOnlyStatements("checkpoints"),
        ]),
        (4,
        [
            // Who acted and, as a keyed hash, about which case or person. Rows written before stay
            // format 1 and hash exactly as they did; every row from now on is format 2, whose
            // canonical bytes include actor and subject (see AuditHashing).
            "ALTER TABLE audit ADD COLUMN format_version integer NOT NULL DEFAULT 1",
            "ALTER TABLE audit ADD COLUMN actor text NOT NULL DEFAULT ''",
            "ALTER TABLE audit ADD COLUMN subject text NOT NULL DEFAULT ''",
            // The auditor API searches by time, actor and subject.
            "CREATE INDEX IF NOT EXISTS audit_by_time ON audit (recorded_at, seq)",
            "CREATE INDEX IF NOT EXISTS audit_by_actor ON audit (actor, seq)",
            "CREATE INDEX IF NOT EXISTS audit_by_subject ON audit (subject, seq)",
        ]),
        (5,
        [
            // Cross-witnessing (deploy/audit-log.md): as witness, every checkpoint of a partner's log
            // this node cosigned (the largest is the witness state the next one is checked against).
            $"""
            CREATE TABLE IF NOT EXISTS witnessed_checkpoints (
                origin text NOT NULL,
                tree_size bigint NOT NULL,
                root {d.BlobType} NOT NULL,
                note text NOT NULL,
                envelope_id {d.UuidType} NOT NULL,
                witnessed_at bigint NOT NULL,
                PRIMARY KEY (origin, tree_size))
            """,
            // The partners' cosignatures of this node's own checkpoints.
            $"""
            CREATE TABLE IF NOT EXISTS cosignatures (
                tree_size bigint NOT NULL,
                witness text NOT NULL,
                note text NOT NULL,
                envelope_id {d.UuidType} NOT NULL,
                received_at bigint NOT NULL,
                PRIMARY KEY (tree_size, witness))
            """,
            // Forks and rewrites found by a witness, with both checkpoints as evidence, on both sides.
            $"""
            CREATE TABLE IF NOT EXISTS witness_alerts (
                alert_id {d.IdentityKeyType},
                origin text NOT NULL,
                witness text NOT NULL,
                kind text NOT NULL,
                seen_note text NOT NULL,
                presented_note text NOT NULL,
                consistency_proof {d.BlobType} NOT NULL,
                reason text NOT NULL,
                envelope_id {d.UuidType} NOT NULL,
                raised_at bigint NOT NULL)
            """,
            // How far the witnessing has handled the inbox's audit.* messages (arrival order).
            """
            CREATE TABLE IF NOT EXISTS witnessing_cursor (
                name text NOT NULL PRIMARY KEY,
                arrival_seq bigint NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS messages_by_type ON messages (message_type, direction, arrival_seq)",
            .. d.AppendOnlyStatements("witnessed_checkpoints"),
            .. d.AppendOnlyStatements("cosignatures"),
            .. d.AppendOnlyStatements("witness_alerts"),
        ]),
        (6,
        [
            // Field-level encryption at rest (deploy/data-protection.md): one data key per case,
            // kept only wrapped by a key-encryption key. An erased key keeps its row, without
            // key, so that a read can say "erased" rather than "corrupt".
            $"""
            CREATE TABLE IF NOT EXISTS data_keys (
                key_id {d.UuidType} NOT NULL PRIMARY KEY,
                scope text NOT NULL,
                kek_id text NULL,
                wrapped_key {d.BlobType} NULL,
                created_at bigint NOT NULL,
                last_activity_at bigint NOT NULL,
                erased_at bigint NULL)
            """,
            // At most one live key per case; an erased case that comes back gets a new one.
            "CREATE UNIQUE INDEX IF NOT EXISTS data_keys_live_scope ON data_keys (scope) WHERE erased_at IS NULL",
            "CREATE INDEX IF NOT EXISTS data_keys_by_activity ON data_keys (erased_at, last_activity_at)",
            "CREATE INDEX IF NOT EXISTS data_keys_by_kek ON data_keys (kek_id)",
            // The key a row's personal columns are under; NULL: written in clear (before this version, or without a KEK).
            $"ALTER TABLE messages ADD COLUMN data_key_id {d.UuidType} NULL",
            "CREATE INDEX IF NOT EXISTS messages_by_data_key ON messages (data_key_id)",
        ]),
        (7,
        [
            // Need-to-know (deploy/access-control.md): the unit of this side that opened each case
            // (a partner's cases belong to the intake unit and have no row); the first unit keeps it.
            """
            CREATE TABLE IF NOT EXISTS case_units (
                case_node text NOT NULL,
                case_reference text NOT NULL,
                unit text NOT NULL,
                opened_by text NOT NULL,
                opened_at bigint NOT NULL,
                PRIMARY KEY (case_node, case_reference))
            """,
            // Supervisors' grants and audit openings; revoking or closing one stamps it, nothing is deleted.
            $"""
            CREATE TABLE IF NOT EXISTS case_access (
                access_id {d.IdentityKeyType},
                case_node text NOT NULL,
                case_reference text NOT NULL,
                kind text NOT NULL,
                grantee_subject text NOT NULL,
                grantee_unit text NOT NULL,
                reason text NOT NULL,
                granted_by text NOT NULL,
                created_at bigint NOT NULL,
                expires_at bigint NULL,
                revoked_at bigint NULL,
                revoked_by text NULL)
            """,
            "CREATE INDEX IF NOT EXISTS case_access_by_case ON case_access (case_node, case_reference)",
        ]),
        (8,
        [
            // Receipts carry the receiver's audit-log position of the envelope (deploy/audit-log.md,
            // "Receipts"): kept on both sides, the receiver's own and, once verified, the partner's.
            $"""
            CREATE TABLE IF NOT EXISTS receipt_log_positions (
                envelope_id {d.UuidType} NOT NULL,
                log_node text NOT NULL,
                leaf_index bigint NOT NULL,
                tree_size bigint NOT NULL,
                checkpoint_note text NOT NULL,
                recorded_at bigint NOT NULL,
                PRIMARY KEY (envelope_id, leaf_index))
            """,
            .. d.AppendOnlyStatements("receipt_log_positions"),
        ]),
        (9,
        [
            // Witnessing compares the checkpoint it is asked to cosign with those the partner's
            // receipts carried at the same size (a split view shown in that order).
            "CREATE INDEX IF NOT EXISTS receipt_log_positions_by_checkpoint ON receipt_log_positions (log_node, tree_size)",
        ]),
        (10,
        [
            // A message's envelope and payload (kilobytes, written once) move out of its row, which
            // changes with every state, so that a state change rewrites a row of a few hundred
            // bytes among its neighbours' instead of a page of its own. In the exchange benchmark
            // the sending side wrote four 4 KiB pages per message to its messages table, three of
            // them for state changes. Keyed by the message's arrival number.
            $"""
            CREATE TABLE IF NOT EXISTS message_bodies (
                arrival_seq {d.GivenKeyType},
                envelope_bytes {d.BlobType} NOT NULL,
                payload {d.BlobType} NULL)
            """,
            "INSERT INTO message_bodies (arrival_seq, envelope_bytes, payload) SELECT arrival_seq, envelope_bytes, payload FROM messages",
            "ALTER TABLE messages DROP COLUMN envelope_bytes",
            "ALTER TABLE messages DROP COLUMN payload",
        ]),
        (11,
        [
            // The Merkle tree's nodes, 64 of one level to a row (AuditNodeTable): a batch writes a
            // few dozen rows, not two per audit entry. The old table goes (its triggers with it):
            // its nodes are derived from the entries, and the writer's first transaction rebuilds
            // them into the new one (AuditLog.BeginAsync), which the signed checkpoints then vouch for.
            $"""
            CREATE TABLE IF NOT EXISTS audit_node_tiles (
                level integer NOT NULL,
                tile bigint NOT NULL,
                hashes {d.BlobType} NOT NULL,
                PRIMARY KEY (level, tile))
            """,
            .. d.AppendOnlyTileStatements,
            "DROP TABLE audit_nodes",
        ]),
    ];

    /// <param name="throughVersion">The last version to apply; null for all. Tests set it to build a database as an earlier version left it.</param>
    /// <returns>The versions applied by this call.</returns>
    public static async Task<IReadOnlyList<int>> ApplyAsync(SqlDialect dialect, DateTimeOffset now, CancellationToken cancellationToken, int? throughVersion = null)
    {
        await dialect.PrepareDatabaseAsync(cancellationToken);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var session = new StoreSession(connection, transaction, dialect);
        await dialect.BeginMigrationAsync(session, cancellationToken);
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version integer NOT NULL PRIMARY KEY, applied_at bigint NOT NULL)", cancellationToken);
        var done = (await session.QueryAsync("SELECT version FROM schema_migrations", r => r.GetInt32(0), cancellationToken)).ToHashSet();
        var applied = new List<int>();
        foreach (var (version, statements) in All(dialect).Where(m => !done.Contains(m.Version) && m.Version <= (throughVersion ?? int.MaxValue)))
        {
            foreach (var statement in statements)
            {
                await session.ExecuteAsync(statement, cancellationToken);
            }

            await session.ExecuteAsync("INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @now)", cancellationToken,
                ("version", version), ("now", DbValues.Millis(now)));
            applied.Add(version);
        }

        await transaction.CommitAsync(cancellationToken);
        return applied;
    }
}
