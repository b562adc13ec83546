namespace Liaison.Gateway.Storage;

/// <summary>Which database keeps a gateway's state.</summary>
public enum StoreProvider
{
    /// <summary>Embedded, one file per node: the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, one schema per node: for production.</summary>
    Postgres,
}
