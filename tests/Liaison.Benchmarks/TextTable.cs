using System.Text;

namespace Liaison.Benchmarks;

/// <summary>A plain-text table with aligned columns; numbers right-aligned so digits line up.</summary>
internal sealed class TextTable
{
    private readonly (string Header, bool RightAligned)[] columns;
    private readonly List<string[]> rows = [];

    public TextTable(params (string Header, bool RightAligned)[] columns) => this.columns = columns;

    public void Add(params string[] cells)
    {
        if (cells.Length != columns.Length)
        {
            throw new ArgumentException($"Expected {columns.Length} cells, got {cells.Length}.", nameof(cells));
        }

        rows.Add(cells);
    }

    public void Write(TextWriter output)
    {
        var widths = columns.Select((c, i) => rows.Select(r => r[i].Length).Append(c.Header.Length).Max()).ToArray();
        output.WriteLine(Line(columns.Select(c => c.Header).ToArray(), widths));
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    private string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append(" | ");
            }

            line.Append(columns[i].RightAligned ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }

        return line.ToString().TrimEnd();
    }
}
