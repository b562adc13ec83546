using SQLitePCL;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// Process-wide settings of the SQLite library, applied once before it opens its first
/// connection (SQLite accepts them only before it initialises). The store never uses one
/// connection on two threads at once: the writer's, the checkpointer's and each pooled
/// reader's are used by one caller at a time. So SQLite's multi-thread mode is enough,
/// and the serialised mode of the bundled library, which takes a mutex around every call
/// (each bind, step and column read), only costs. Memory statistics, which take another
/// mutex on every allocation, are not read. If SQLite was initialised before (another
/// part of the process opened a database first), the library keeps its defaults, which
/// are just as correct.
/// </summary>
internal static class SqliteLibrary
{
    private static readonly Lazy<bool> Configured = new(Configure);

    /// <summary>True when multi-thread mode was applied; false when SQLite had already initialised.</summary>
    public static bool EnsureConfigured() => Configured.Value;

    private static bool Configure()
    {
        Batteries_V2.Init();
        if (raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD) != raw.SQLITE_OK)
        {
            return false;
        }

        _ = raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }
}
