using System.Text.Json;
using Liaison.Audit.Merkle;

namespace Liaison.Audit.Tests;

/// <summary>Reads tests/vectors/merkle-rfc6962.json, the published RFC 6962 / CT test data.</summary>
internal static class Vectors
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "vectors", "merkle-rfc6962.json"))).RootElement);

    public static JsonElement Json => Root.Value;

    public static byte[][] Leaves => [.. Json.GetProperty("leaves").EnumerateArray().Select(e => Convert.FromHexString(e.GetString()!))];

    public static MerkleHash Hash(JsonElement element) => MerkleHash.FromHex(element.GetString()!);

    public static MerkleHash[] Hashes(JsonElement array) => [.. array.EnumerateArray().Select(Hash)];

    public static MerkleHash RootOfSize(ulong size) => size == 0
        ? Hash(Json.GetProperty("empty_root"))
        : Hash(Json.GetProperty("roots").EnumerateArray().Single(r => r.GetProperty("size").GetUInt64() == size).GetProperty("root"));

    public static InMemoryHashStore ReferenceTree()
    {
        var store = new InMemoryHashStore();
        foreach (var leaf in Leaves)
        {
            store.Append(leaf);
        }
        return store;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "tests", "vectors")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("tests/vectors not found");
    }
}
