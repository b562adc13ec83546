using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Tests;

/// <summary>
/// A real database for the store contract: each call to <see cref="NewDatabaseAsync"/>
/// gives a fresh, empty one (a directory or a schema), and disposal removes them all.
/// One instance serves one test class (an xunit class fixture).
/// </summary>
public abstract class StoreBackend : IAsyncLifetime
{
    /// <summary>Options for a database no other test uses.</summary>
    public abstract Task<StoreOptions> NewDatabaseAsync();

    /// <summary>Runs SQL behind the store's back, as an intruder with database access would (or a test looking at what is stored); returns the first column of the first row, if any.</summary>
    public abstract Task<object?> ExecuteRawAsync(StoreOptions options, string sql);

    /// <summary>SQL that removes the triggers refusing UPDATE and DELETE on the audit log's tables (audit, audit_node_tiles, checkpoints).</summary>
    public abstract IReadOnlyList<string> DropAuditGuardsSql { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public abstract Task DisposeAsync();
}
