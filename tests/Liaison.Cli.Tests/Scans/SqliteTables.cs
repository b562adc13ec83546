using Microsoft.Data.Sqlite;

namespace Liaison.Cli.Tests.Scans;

/// <summary>A node's SQLite database read directly, table by table, column by column: text as UTF-8, blobs as they are.</summary>
public static class SqliteTables
{
    public static string DatabasePath(string nodeDirectory) => Path.Combine(nodeDirectory, "gateway.db");

    public static IReadOnlyList<string> Names(string database)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>One haystack per column of the table, all its rows together; and how many rows it has.</summary>
    public static (IReadOnlyList<Haystack> Columns, int Rows) Read(string database, string table, string label)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(_ => new MemoryStream()).ToList();
        var rows = 0;
        while (reader.Read())
        {
            rows++;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var bytes = reader.IsDBNull(i) ? []
                    : reader.GetValue(i) is byte[] blob ? blob
                    : System.Text.Encoding.UTF8.GetBytes(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
                columns[i].Write(bytes);
                columns[i].WriteByte(0x0A);
            }
        }

        return (columns.Select((c, i) => new Haystack($"{label} table {table} column {reader.GetName(i)}", c.ToArray())).ToList(), rows);
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
