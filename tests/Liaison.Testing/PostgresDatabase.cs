using System.Globalization;
using System.Text;
using Npgsql;
using Xunit;

namespace Liaison.Testing;

/// <summary>A fresh database of its own for one test class; disposing it drops it.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string serverConnectionString;
    private bool dropped;

    private PostgresDatabase(string serverConnectionString, string name, string connectionString)
    {
        this.serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name: liaison_t_{label}_{random}.</summary>
    public string Name { get; }

    /// <summary>A connection string to this database.</summary>
    public string ConnectionString { get; }

    /// <summary>A data source for this database; dispose it before the database.</summary>
    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    /// <summary>Creates a uniquely named database on the server of <paramref name="serverConnectionString"/>.</summary>
    public static async Task<PostgresDatabase> CreateAsync(string serverConnectionString, string label, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serverConnectionString);
        ArgumentNullException.ThrowIfNull(label);
        var name = UniqueName(label);
        await using (var connection = new NpgsqlConnection(serverConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name };
        return new PostgresDatabase(serverConnectionString, name, builder.ConnectionString);
    }

    /// <summary>Drops the database, closing the connections that are still open to it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (dropped)
        {
            return;
        }

        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using (var connection = new NpgsqlConnection(serverConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        dropped = true;
    }

    /// <summary>liaison_t_{label}_{random}, lower case, letters, digits and underscores, at most 63 bytes.</summary>
    internal static string UniqueName(string label)
    {
        var clean = new StringBuilder();
        foreach (var c in label.ToLowerInvariant())
        {
            if (clean.Length >= 24)
            {
                break;
            }

            clean.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '_');
        }

        var random = Guid.NewGuid().ToString("N")[..16];
        return string.Create(CultureInfo.InvariantCulture, $"liaison_t_{clean}_{random}");
    }
}

/// <summary>
/// xunit class fixture (<c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c>): a fresh database for the
/// test class, dropped after its last test. Fails the class's tests with a clear message when
/// there is no PostgreSQL server.
/// </summary>
public class PostgresDatabaseFixture : IAsyncLifetime
{
    private PostgresDatabase? database;

    /// <summary>The class's database.</summary>
    public PostgresDatabase Database => database ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>A connection string to the class's database.</summary>
    public string ConnectionString => Database.ConnectionString;

    public async Task InitializeAsync() => database = await PostgresServer.CreateDatabaseAsync(GetType().Name);

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
