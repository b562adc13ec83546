namespace Liaison.Cli.Tests.Scans;

/// <summary>Bytes to search, named for where they came from: a log file, a table's column, a broker message, a CLI error.</summary>
public sealed record Haystack(string Name, byte[] Bytes)
{
    public static Haystack Text(string name, string text) => new(name, System.Text.Encoding.UTF8.GetBytes(text));
}

/// <summary>Looks for every needle in every haystack and names each find: which value, in which encoding, where.</summary>
public static class Scanner
{
    public static IReadOnlyList<string> Find(IEnumerable<Needle> needles, IEnumerable<Haystack> haystacks)
    {
        var needleList = needles.ToList();
        var finds = new List<string>();
        foreach (var haystack in haystacks)
        {
            foreach (var needle in needleList)
            {
                var at = haystack.Bytes.AsSpan().IndexOf(needle.Bytes);
                if (at >= 0)
                {
                    finds.Add($"{needle.Name} in {haystack.Name} at byte {at}");
                }
            }
        }

        return finds;
    }
}
