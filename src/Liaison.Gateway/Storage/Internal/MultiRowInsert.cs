using System.Collections.Concurrent;
using System.Globalization;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// Writes many rows of one table in a few <c>INSERT ... VALUES (...), (...)</c> statements, for the
/// rows a write batch produces per message (audit entries and tree nodes, receipts queued, receipt
/// log positions). SQLite finds a parameter's index by name with a linear search, so binding n
/// parameters costs n^2/2 string comparisons: statements are cut at about 100 parameters, which in
/// the exchange benchmark's profile cost less per row than larger (the comparisons) or smaller
/// (the statements) ones. Each text is built once per table and row count, so the writer's
/// <see cref="StatementCache"/> finds it prepared. Thread-safe.
/// </summary>
internal sealed class MultiRowInsert
{
    private const int MaxParameters = 100;

    private readonly string prefix;
    private readonly int columns;
    private readonly int maxRows;
    private readonly string[] names;
    private readonly ConcurrentDictionary<int, string> texts = new();

    /// <param name="table">The table, with its column list: <c>audit (seq, recorded_at, ...)</c>.</param>
    /// <param name="columns">How many columns the list names.</param>
    public MultiRowInsert(string table, int columns)
    {
        prefix = $"INSERT INTO {table} VALUES ";
        this.columns = columns;
        maxRows = Math.Max(1, MaxParameters / columns);
        names = Enumerable.Range(0, maxRows * columns).Select(i => string.Create(CultureInfo.InvariantCulture, $"v{i}")).ToArray();
    }

    /// <summary>Inserts <paramref name="rows"/>, each turned into its column values by <paramref name="values"/> (in the column list's order).</summary>
    public async Task InsertAsync<TRow>(StoreSession session, IReadOnlyList<TRow> rows, Action<TRow, object?[]> values, CancellationToken cancellationToken)
    {
        var row = new object?[columns];
        for (var offset = 0; offset < rows.Count; offset += maxRows)
        {
            var count = Math.Min(maxRows, rows.Count - offset);
            var parameters = new (string, object?)[count * columns];
            for (var i = 0; i < count; i++)
            {
                values(rows[offset + i], row);
                for (var c = 0; c < columns; c++)
                {
                    parameters[(i * columns) + c] = (names[(i * columns) + c], row[c]);
                }
            }

            await session.ExecuteAsync(texts.GetOrAdd(count, Text), cancellationToken, parameters);
        }
    }

    private string Text(int rows) =>
        prefix + string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Enumerable.Range(r * columns, columns).Select(i => "@" + names[i])) + ")"));
}
