using Liaison.Testing;
using Npgsql;

namespace Liaison.Infrastructure.Tests;

/// <summary>
/// PostgreSQL from scripts/services.sh (or LIAISON_TEST_POSTGRES): a fresh database for the
/// class, a table, a round trip of a row.
/// </summary>
public sealed class PostgresTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task A_fresh_database_takes_a_table_and_gives_back_what_was_inserted()
    {
        await using var source = fixture.Database.CreateDataSource();
        await using var connection = await source.OpenConnectionAsync();

        await using (var current = new NpgsqlCommand("SELECT current_database()", connection))
        {
            Assert.Equal(fixture.Database.Name, await current.ExecuteScalarAsync());
        }

        await using (var create = new NpgsqlCommand(
            """
            CREATE TABLE envelopes (
                id          uuid PRIMARY KEY,
                sender      text NOT NULL,
                body        bytea NOT NULL,
                received_at timestamptz NOT NULL)
            """,
            connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var id = Guid.NewGuid();
        var body = new byte[] { 0, 1, 2, 250, 255 };
        var receivedAt = new DateTimeOffset(2026, 11, 28, 8, 30, 15, TimeSpan.Zero);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO envelopes (id, sender, body, received_at) VALUES ($1, $2, $3, $4)", connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = id });
            insert.Parameters.Add(new NpgsqlParameter { Value = "vn-laocai" });
            insert.Parameters.Add(new NpgsqlParameter { Value = body });
            insert.Parameters.Add(new NpgsqlParameter { Value = receivedAt });
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }

        await using var select = new NpgsqlCommand("SELECT id, sender, body, received_at FROM envelopes", connection);
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(id, reader.GetGuid(0));
        Assert.Equal("vn-laocai", reader.GetString(1));
        Assert.Equal(body, reader.GetFieldValue<byte[]>(2));
        Assert.Equal(receivedAt, reader.GetFieldValue<DateTimeOffset>(3));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Every_test_database_is_new_and_is_dropped_when_disposed()
    {
        var other = await PostgresServer.CreateDatabaseAsync(nameof(PostgresTests));
        Assert.NotEqual(fixture.Database.Name, other.Name);
        Assert.True(await ExistsAsync(other.Name));

        await using (var source = other.CreateDataSource())
        await using (var connection = await source.OpenConnectionAsync())
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", connection))
        {
            Assert.Equal(0L, await count.ExecuteScalarAsync());
        }

        await other.DisposeAsync();
        Assert.False(await ExistsAsync(other.Name));
    }

    private static async Task<bool> ExistsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(await PostgresServer.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = database });
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }
}
