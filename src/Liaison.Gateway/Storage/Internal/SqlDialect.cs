using System.Data.Common;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// Everything that differs between SQLite and PostgreSQL, and nothing else: the
/// store's SQL is written once, in the subset both understand (ON CONFLICT,
/// RETURNING, LIMIT, @parameters), and only column types, id encoding, connection
/// set-up and the append-only guard come from here. Thread-safe.
/// </summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>The dialect of the database <paramref name="options"/> name.</summary>
    public static SqlDialect For(StoreOptions options) => options.Provider == StoreProvider.Postgres
        ? new PostgresDialect(options.ConnectionString, options.Schema)
        : new SqliteDialect(options.DataDirectory);

    /// <summary>An auto-assigned 64-bit primary key whose values are never reused.</summary>
    public abstract string IdentityKeyType { get; }

    /// <summary>A 64-bit primary key whose values the writer gives (SQLite: the rowid itself, so that rows are stored in its order).</summary>
    public abstract string GivenKeyType { get; }

    public abstract string BlobType { get; }

    public abstract string UuidType { get; }

    /// <summary>Statements that make the audit table refuse UPDATE and DELETE.</summary>
    public abstract IReadOnlyList<string> AppendOnlyAuditStatements { get; }

    /// <summary>
    /// Statements that make <paramref name="table"/> refuse UPDATE and DELETE, with triggers named after
    /// it (SQLite: <c>&lt;table&gt;_no_update</c> and <c>&lt;table&gt;_no_delete</c>; PostgreSQL:
    /// <c>&lt;table&gt;_no_change</c>, using the function of <see cref="AppendOnlyAuditStatements"/>).
    /// </summary>
    public abstract IReadOnlyList<string> AppendOnlyStatements(string table);

    /// <summary>
    /// Statements that let the audit_node_tiles table's rows only grow at their end: an UPDATE that
    /// changes the key or any byte already stored, and any DELETE, are refused (SQLite:
    /// <c>audit_node_tiles_only_appended</c> and <c>audit_node_tiles_no_delete</c>; PostgreSQL: the same
    /// names, the first using a function of its own).
    /// </summary>
    public abstract IReadOnlyList<string> AppendOnlyTileStatements { get; }

    /// <summary>The SQL expression of two blobs joined, as a blob.</summary>
    public abstract string ConcatBlobs(string left, string right);

    /// <summary>An open connection, with the per-connection settings this store relies on.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>An open connection for reads only; by default the same as <see cref="OpenAsync"/>.</summary>
    public virtual Task<DbConnection> OpenForReadAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    /// <summary>The single writer's connection; on SQLite, without the automatic checkpoint (see <see cref="WalCheckpointer"/>).</summary>
    public virtual Task<DbConnection> OpenForWriterAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    /// <summary>What checkpoints the writer's log in its stead, started here; null when the database does that itself.</summary>
    public virtual WalCheckpointer? StartCheckpointer(Microsoft.Extensions.Logging.ILogger logger) => null;

    /// <summary>Runs once at start-up, outside any transaction (SQLite's journal mode cannot change inside one).</summary>
    public abstract Task PrepareDatabaseAsync(CancellationToken cancellationToken);

    /// <summary>Runs first in the migration transaction: serialises concurrent start-ups and creates the namespace.</summary>
    public abstract Task BeginMigrationAsync(StoreSession session, CancellationToken cancellationToken);

    public abstract object ToDb(Guid id);

    public abstract Guid ReadGuid(DbDataReader reader, int ordinal);

    public abstract ValueTask DisposeAsync();
}
