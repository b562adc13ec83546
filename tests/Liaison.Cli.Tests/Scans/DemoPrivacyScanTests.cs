using Liaison.Gateway.Storage;

namespace Liaison.Cli.Tests.Scans;

/// <summary>
/// Issue 5, "Privacy": after a full demo, neither node's audit store (every audit, checkpoint,
/// cosignature and witness table, read from the SQLite file directly) nor its exported audit
/// bundle holds any personal field the demo submitted, in any common encoding. The positive
/// control plants one in a copy of a store and finds it both in the table and in the bundle.
/// </summary>
[Collection(DemoScanGroup.Name)]
public sealed class DemoPrivacyScanTests(DemoScanFixture demo)
{
    [Fact]
    public void NoPersonalFieldTheDemoSubmittedIsInEitherNodesAuditStoreOrAuditBundle()
    {
        var needles = DemoPersonalData.Needles();
        var haystacks = new List<Haystack>();
        foreach (var node in new[] { Workspace.LaoCai, Workspace.Yunnan })
        {
            haystacks.AddRange(AuditTables(demo.NodeDirectory(node), node, out var rows));
            Assert.True(rows > 50, $"{node}'s audit tables hold the walk-through ({rows} rows).");
            haystacks.Add(new Haystack($"{node}'s audit bundle", File.ReadAllBytes(demo.BundlePath(node))));
        }

        Assert.Empty(Scanner.Find(needles, haystacks));
    }

    [Fact]
    public async Task ThePositiveControlFindsANamePlantedInAnAuditEntryInTheTableAndInTheBundle()
    {
        var copy = CopyOf(demo.NodeDirectory(Workspace.LaoCai), demo.Workspace.PathOf("planted/" + Workspace.LaoCai));
        var (name, text) = DemoPersonalData.Texts().First(t => t.Text.StartsWith("Sùng", StringComparison.Ordinal));
        var store = await GatewayStore.OpenAsync(new StoreOptions { Provider = StoreProvider.Sqlite, DataDirectory = copy }, TimeProvider.System);
        await using (store)
        {
            await store.RecordAuditEventAsync(new AuditEventRecord(AuditEventType.Exported, "scan-auditor", "planted: " + text));
        }

        var bundle = demo.Workspace.PathOf("planted.bundle.json");
        demo.Workspace.Run("audit", "export", "--data-dir", copy, "--agreement", demo.AgreementPath, "--out", bundle, "--actor", "scan-auditor").AssertSuccess();
        var haystacks = AuditTables(copy, "planted", out _).Append(new Haystack("planted bundle", File.ReadAllBytes(bundle)));

        var finds = Scanner.Find(Needle.ForText(name, text), haystacks);

        Assert.Contains(finds, f => f.Contains("as UTF-8 NFC in planted table audit column detail", StringComparison.Ordinal));
        Assert.Contains(finds, f => f.Contains("as UTF-8 NFC in planted bundle", StringComparison.Ordinal));
        // Inside the bundle's leaf data, at whatever alignment the name fell.
        Assert.Contains(finds, f => f.Contains("(UTF-8) as base64 (offset", StringComparison.Ordinal) && f.Contains("planted bundle", StringComparison.Ordinal));
    }

    [Fact]
    public void TheNeedlesFindAValueInEveryEncodingTheyClaim()
    {
        var text = DemoPersonalData.Texts().First(t => t.Text.StartsWith("Sùng", StringComparison.Ordinal)).Text;
        var random = new Random(42);
        foreach (var needle in Needle.ForText("name", text))
        {
            var blob = new byte[200];
            random.NextBytes(blob);
            Assert.NotEmpty(Scanner.Find([needle], [new Haystack("blob", [.. blob[..random.Next(50)], .. needle.Bytes, .. blob])]));
        }

        // base64 of a blob in which the name sits at each alignment.
        for (var offset = 0; offset < 3; offset++)
        {
            var blob = new byte[30];
            random.NextBytes(blob);
            byte[] data = [.. blob[..(9 + offset)], .. System.Text.Encoding.UTF8.GetBytes(text), .. blob];
            Assert.NotEmpty(Scanner.Find(Needle.ForText("name", text), [Haystack.Text("base64 blob", Convert.ToBase64String(data))]));
        }
    }

    internal static IEnumerable<Haystack> AuditTables(string nodeDirectory, string label, out int rows)
    {
        var database = SqliteTables.DatabasePath(nodeDirectory);
        var haystacks = new List<Haystack>();
        rows = 0;
        foreach (var table in SqliteTables.Names(database).Where(IsAuditTable))
        {
            var (columns, count) = SqliteTables.Read(database, table, label);
            haystacks.AddRange(columns);
            rows += count;
        }

        return haystacks;
    }

    internal static string CopyOf(string directory, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(directory))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        return to;
    }

    private static readonly string[] AuditTableParts = ["audit", "checkpoint", "cosignature", "witness"];

    private static bool IsAuditTable(string table) => AuditTableParts.Any(part => table.Contains(part, StringComparison.OrdinalIgnoreCase));
}
