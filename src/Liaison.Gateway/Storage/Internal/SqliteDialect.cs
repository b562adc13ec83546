using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// SQLite, the embedded default: one file per node, <c>&lt;data-dir&gt;/gateway.db</c>.
/// <para>
/// WAL lets readers run while the single writer commits. <c>synchronous=FULL</c>
/// fsyncs the WAL at every commit: with the WAL default of NORMAL, a power cut can
/// roll back the last commits, and a submit the caller was told is accepted must
/// survive one. Group commit is what makes that fsync affordable, one per batch.
/// The writer's connection does not checkpoint the WAL into the database file:
/// <see cref="WalCheckpointer"/> does, beside it.
/// </para>
/// </summary>
internal sealed class SqliteDialect(string dataDirectory) : SqlDialect
{
    public const string FileName = "gateway.db";

    static SqliteDialect() => SqliteLibrary.EnsureConfigured();

    // Long enough to ride out a checkpoint or an operator's sqlite3 shell, short
    // enough that a stuck lock surfaces as an error rather than a hang.
    private const int BusyTimeoutMilliseconds = 10_000;

    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(Path.GetFullPath(dataDirectory), FileName),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = BusyTimeoutMilliseconds / 1000,
    }.ToString();

    public override string IdentityKeyType => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public override string GivenKeyType => "INTEGER PRIMARY KEY";

    public override string BlobType => "BLOB";

    // 16 bytes in RFC 9562 order, so that UUIDv7 keys sort by time like PostgreSQL's uuid.
    public override string UuidType => "BLOB";

    public override IReadOnlyList<string> AppendOnlyAuditStatements { get; } =
    [
        "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
        "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
    ];

    public override IReadOnlyList<string> AppendOnlyTileStatements { get; } =
    [
        """
        CREATE TRIGGER IF NOT EXISTS audit_node_tiles_only_appended BEFORE UPDATE ON audit_node_tiles
        WHEN NEW.level <> OLD.level OR NEW.tile <> OLD.tile OR typeof(NEW.hashes) <> 'blob' OR length(NEW.hashes) < length(OLD.hashes)
            OR substr(NEW.hashes, 1, length(OLD.hashes)) <> OLD.hashes
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
        """,
        "CREATE TRIGGER IF NOT EXISTS audit_node_tiles_no_delete BEFORE DELETE ON audit_node_tiles BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    ];

    // SQLite's || makes text of blobs, with their bytes intact: cast back.
    public override string ConcatBlobs(string left, string right) => $"CAST({left} || {right} AS BLOB)";

    public override IReadOnlyList<string> AppendOnlyStatements(string table) =>
    [
        $"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
        $"CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    ];

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await new StoreSession(connection, null, this).ExecuteAsync(
                $"PRAGMA synchronous = FULL; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};", cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override async Task<DbConnection> OpenForWriterAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            // WalCheckpointer checkpoints instead, on its own connection.
            await new StoreSession(connection, null, this).ExecuteAsync("PRAGMA wal_autocheckpoint = 0", cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override WalCheckpointer? StartCheckpointer(Microsoft.Extensions.Logging.ILogger logger) => new(OpenAsync, logger);

    /// <summary>
    /// Without the settings statement, which every read paid for: <c>synchronous</c> only matters to
    /// writes, and Microsoft.Data.Sqlite retries a busy read itself for the command timeout. A pooled
    /// connection opened here and later taken by the writer gets the settings from <see cref="OpenAsync"/>.
    /// </summary>
    public override async Task<DbConnection> OpenForReadAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override async Task PrepareDatabaseAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(new SqliteConnectionStringBuilder(connectionString).DataSource)!);
        await using var connection = await OpenAsync(cancellationToken);
        var mode = await new StoreSession(connection, null, this).ScalarAsync<string>("PRAGMA journal_mode = WAL", cancellationToken);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite refused WAL mode for {FileName} (it reports '{mode}'); the data directory must be on a local file system.");
        }
    }

    // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) already serialises migrators.
    public override Task BeginMigrationAsync(StoreSession session, CancellationToken cancellationToken) => Task.CompletedTask;

    public override object ToDb(Guid id) => id.ToByteArray(bigEndian: true);

    public override Guid ReadGuid(DbDataReader reader, int ordinal) => new((byte[])reader.GetValue(ordinal), bigEndian: true);

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; a reopened store or a deleted
        // data directory must not find it held.
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
