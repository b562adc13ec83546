using System.Data.Common;
using Liaison.Gateway.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Liaison.Gateway.Tests.Protection;

/// <summary>Reads a store's tables behind its back, as an intruder with a copy of the database would.</summary>
internal static class RawDatabase
{
    /// <summary>Every value of the first column of <paramref name="sql"/>'s rows (DBNull as null).</summary>
    public static async Task<List<object?>> ColumnAsync(StoreOptions options, string sql)
    {
        await using DbConnection connection = options.Provider == StoreProvider.Postgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.ConnectionString) { SearchPath = $"\"{options.Schema}\"", Pooling = false }.ToString())
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(options.DataDirectory, "gateway.db"), Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<object?>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
        }

        return values;
    }

    /// <summary>Every byte of every row and column the store holds, as one array per value: what a search for leaked plaintext goes through.</summary>
    public static async Task<List<byte[]>> AllBlobsAsync(StoreOptions options, params string[] tables)
    {
        var blobs = new List<byte[]>();
        foreach (var table in tables)
        {
            await using DbConnection connection = options.Provider == StoreProvider.Postgres
                ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.ConnectionString) { SearchPath = $"\"{options.Schema}\"", Pooling = false }.ToString())
                : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(options.DataDirectory, "gateway.db"), Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    switch (reader.IsDBNull(i) ? null : reader.GetValue(i))
                    {
                        case byte[] bytes:
                            blobs.Add(bytes);
                            break;
                        case string text:
                            blobs.Add(System.Text.Encoding.UTF8.GetBytes(text));
                            break;
                    }
                }
            }
        }

        return blobs;
    }

    public static bool Contains(IEnumerable<byte[]> haystack, byte[] needle) =>
        haystack.Any(b => b.AsSpan().IndexOf(needle) >= 0);
}

/// <summary>A KEK ring an operator changes while the store runs, as <see cref="Gateway.Protection.KeyEncryptionKeySource"/> does on a configuration reload.</summary>
internal sealed class SwitchableKeys(Gateway.Protection.KeyEncryptionKeyRing ring) : Gateway.Protection.IKeyEncryptionKeys
{
    public Gateway.Protection.KeyEncryptionKeyRing Ring { get; set; } = ring;
}
