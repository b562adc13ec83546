namespace Liaison.Gateway.Storage;

/// <summary>
/// Where and how a gateway keeps its state. Mutable, as the options pattern needs;
/// <see cref="StoreOptionsValidator"/> checks it once at start-up, and the store
/// never reads it again after opening.
/// </summary>
public sealed class StoreOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "Store";

    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>SQLite: this node's directory; the database is <c>gateway.db</c> in it.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>PostgreSQL: the server to use. It may hold a password: never logged.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>PostgreSQL: the schema holding this node's tables, normally the node id (e.g. "vn-laocai").</summary>
    public string Schema { get; set; } = "";

    /// <summary>The most writes group-committed in one transaction. Default 256.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>How long a claimed outbox row stays invisible to other claims before it is due again. Default 30 seconds.</summary>
    public TimeSpan OutboxClaimLease { get; set; } = TimeSpan.FromSeconds(30);
}
