using System.Data.Common;
using Npgsql;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// PostgreSQL, for production. Each node keeps its tables in its own schema, so two
/// gateways (or many test runs) can share one server. The schema is set as the
/// connections' search path, which lets the shared SQL name tables unqualified.
/// Durability is the server's: commits wait for the WAL flush unless an operator
/// turns <c>synchronous_commit</c> off, which this store must not run with.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    private readonly string schema;
    private readonly NpgsqlDataSource dataSource;

    public PostgresDialect(string connectionString, string schema)
    {
        this.schema = schema;
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = Quote(schema) };
        dataSource = NpgsqlDataSource.Create(builder);
    }

    public override string IdentityKeyType => "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    public override string GivenKeyType => "bigint PRIMARY KEY";

    public override string BlobType => "bytea";

    public override string UuidType => "uuid";

    public override IReadOnlyList<string> AppendOnlyAuditStatements { get; } =
    [
        """
        CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$
        """,
        "CREATE OR REPLACE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()",
    ];

    public override IReadOnlyList<string> AppendOnlyTileStatements { get; } =
    [
        """
        CREATE OR REPLACE FUNCTION audit_refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN
            IF NEW.level <> OLD.level OR NEW.tile <> OLD.tile OR length(NEW.hashes) < length(OLD.hashes)
                OR substring(NEW.hashes from 1 for length(OLD.hashes)) <> OLD.hashes THEN
                RAISE EXCEPTION 'the audit log is append-only';
            END IF;
            RETURN NEW;
        END $$
        """,
        "CREATE OR REPLACE TRIGGER audit_node_tiles_only_appended BEFORE UPDATE ON audit_node_tiles FOR EACH ROW EXECUTE FUNCTION audit_refuse_rewrite()",
        "CREATE OR REPLACE TRIGGER audit_node_tiles_no_delete BEFORE DELETE ON audit_node_tiles FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()",
    ];

    public override string ConcatBlobs(string left, string right) => $"{left} || {right}";

    public override IReadOnlyList<string> AppendOnlyStatements(string table) =>
    [
        $"CREATE OR REPLACE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()",
    ];

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    public override Task PrepareDatabaseAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override async Task BeginMigrationAsync(StoreSession session, CancellationToken cancellationToken)
    {
        // Two gateways starting at once against the same schema would otherwise race
        // on CREATE SCHEMA IF NOT EXISTS, which is not concurrency-safe.
        await session.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext(@schema))", cancellationToken, ("schema", schema));
        await session.ExecuteAsync($"CREATE SCHEMA IF NOT EXISTS {Quote(schema)}", cancellationToken);
    }

    public override object ToDb(Guid id) => id;

    public override Guid ReadGuid(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    public override ValueTask DisposeAsync() => dataSource.DisposeAsync();

    // Safe: options validation restricts schema names to node-id characters.
    private static string Quote(string identifier) => $"\"{identifier}\"";
}
