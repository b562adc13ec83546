using System.Text.Json.Nodes;
using Google.Protobuf;
using Liaison.Agreement.V1;
using Liaison.Audit.Checkpoints;
using Liaison.Audit.Merkle;
using Liaison.Cli.Files;
using Liaison.Crypto.Keys;
using Liaison.Envelope.V1;
using Liaison.Gateway.Storage;
using static Liaison.Cli.Tests.Workspace;

namespace Liaison.Cli.Tests;

/// <summary>
/// <c>liaison audit export</c> and <c>liaison audit verify-bundle</c>: a bundle exported from a real
/// SQLite store verifies on its own, and each kind of tampering with the file is found and located.
/// The log: entries 1-10 message refusals, a checkpoint at 10, entries 11-20 administrative events,
/// a checkpoint at 20, then entry 21, the export's own audit entry, which no checkpoint covers yet.
/// </summary>
public sealed class AuditBundleTests : IDisposable
{
    private readonly Workspace workspace = new();
    private readonly string agreement;
    private readonly string bundle;

    public AuditBundleTests()
    {
        agreement = workspace.SignedAgreement("international");
        var data = workspace.PathOf($"data/{LaoCai}");
        WriteLogAsync(data).GetAwaiter().GetResult();
        bundle = workspace.PathOf("bundle.json");
        var export = workspace.Run("audit", "export", "--data-dir", data, "--agreement", agreement, "--out", bundle, "--actor", "test-auditor");
        export.AssertSuccess();
        export.AssertField("Entries", "1 to 21 (21 entries)");
        export.AssertField("Export audited", "entry 21 (Exported, actor test-auditor)");
    }

    [Fact]
    public void AnExportedBundleVerifiesOnItsOwnAndNamesWhatNoCheckpointCoversYet()
    {
        var result = Verify();

        result.AssertSuccess();
        result.AssertField("Entries in order", "1 to 21");
        result.AssertField("Checkpoints verified", "2 of 2");
        result.AssertField("Signed up to", "entry 20");
        Assert.Contains("note: entries 21 to 21 are after the last checkpoint", result.Error, StringComparison.Ordinal);
        Assert.Contains("The audit bundle verifies.", result.Out, StringComparison.Ordinal);

        // What an auditor reads with jq: the entry's fields, its leaf data, the keys' agreement and the notes.
        var json = Load();
        Assert.Equal("liaison-audit-bundle/v1", (string?)json["format"]);
        Assert.Equal("Exported", (string?)json["entries"]![20]!["event_type"]);
        Assert.Equal("test-auditor", (string?)json["entries"]![20]!["actor"]);
        Assert.StartsWith("liaison.example/vn-laocai/audit\n20\n", (string?)json["checkpoints"]![1]!["note"], StringComparison.Ordinal);
    }

    [Fact]
    public void TheBundleMustHoldTheAgreementTheAuditorNamesByItsDigest()
    {
        var digest = AgreementFiles.Digest(AgreementFiles.ReadSigned(agreement).Agreement);
        Verify("--agreement-sha256", digest).AssertSuccess();

        var other = new string('0', 64);
        Verify("--agreement-sha256", other).AssertRefused("the first bad item is agreement:");
    }

    [Fact]
    public void OneByteChangedInAnEntrysLeafDataIsLocated()
    {
        Tamper(json =>
        {
            var entry = json["entries"]![6]!;
            var leaf = Convert.FromBase64String((string)entry["leaf_data"]!);
            leaf[^1] ^= 0x01;
            entry["leaf_data"] = Convert.ToBase64String(leaf);
        });

        var result = Verify();

        result.AssertRefused("the first bad item is entry 7:");
        Assert.Contains("Entry 7's detail does not say what its leaf data says", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void OneByteChangedInAnEntrysFieldIsLocated()
    {
        Tamper(json => json["entries"]![12]!["actor"] = "test-auditoR");

        Verify().AssertRefused("Entry 13's actor does not say what its leaf data says");
    }

    [Fact]
    public void AnEntryRewrittenWithItsLeafDataIsCaughtByTheCheckpointThatSignedIt()
    {
        Tamper(json =>
        {
            var entry = json["entries"]![6]!;
            var leaf = Convert.FromBase64String((string)entry["leaf_data"]!);
            leaf[^1] ^= 0x01;
            entry["leaf_data"] = Convert.ToBase64String(leaf);
            var detail = (string)entry["detail"]!;
            entry["detail"] = detail[..^1] + (char)(detail[^1] ^ 0x01);
        });

        var result = Verify();

        result.AssertRefused("the first bad item is checkpoint 10:");
        Assert.Contains("Checkpoint 10 signs a root that the bundle's entries do not give: an entry from 1 to 10 was altered", result.Error, StringComparison.Ordinal);
        Assert.Contains("Checkpoint 20 signs a root", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeletedEntryIsLocated()
    {
        Tamper(json => ((JsonArray)json["entries"]!).RemoveAt(4));

        Verify().AssertRefused("Entry 5 is missing: the next entry in the bundle is 6; it was deleted.");
    }

    [Fact]
    public void TwoEntriesSwappedAreLocatedWhetherOrNotTheirSeqsAreRenumbered()
    {
        Tamper(json => Swap((JsonArray)json["entries"]!, 3, 8));
        Verify().AssertRefused("Entry 4 is out of place: the bundle holds entry 9 where entry 4 belongs (position 4); entries were reordered.");

        Tamper(json =>
        {
            var entries = (JsonArray)json["entries"]!;
            Swap(entries, 3, 8);
            (entries[3]!["seq"], entries[8]!["seq"]) = (4, 9);
        });
        Verify().AssertRefused("Entry 4 carries the leaf data of entry 9: entries were reordered.");
    }

    [Fact]
    public void ATruncatedBundleIsFoundByItsDeclaredSizeAndByTheCheckpointsItStillHolds()
    {
        Tamper(json => CutAfter(json, 15));
        var cut = Verify();
        cut.AssertRefused("the first bad item is entry 16:");
        Assert.Contains("The bundle declares entries up to 21 but ends at entry 15: entries 16 to 21 were removed (the bundle was truncated).", cut.Error, StringComparison.Ordinal);

        // The header made to match: the signed checkpoint of size 20 still shows the cut.
        Tamper(json =>
        {
            CutAfter(json, 15);
            json["tree_size"] = 15;
        });
        Verify().AssertRefused("Checkpoint 20 covers entries up to 20 but the bundle ends at entry 15: entries 16 to 20 were removed (the bundle was truncated).");
    }

    [Fact]
    public void AReplacedCheckpointIsLocated()
    {
        // Another checkpoint's note put in its place.
        Tamper(json => json["checkpoints"]![1]!["note"] = (string?)json["checkpoints"]![0]!["note"]);
        Verify().AssertRefused("Checkpoint 20's note is of size 10: it was replaced.");

        // A note of the right size and root, signed by the partner's key instead of the node's.
        Tamper(json => json["checkpoints"]![1]!["note"] = Resign((string)json["checkpoints"]![1]!["note"]!, Yunnan, root: null));
        Verify().AssertRefused("Checkpoint 20 carries no valid signature by a key of vn-laocai");

        // Signed by the node's own key, but over a root that the entries do not give.
        Tamper(json => json["checkpoints"]![0]!["note"] = Resign((string)json["checkpoints"]![0]!["note"]!, LaoCai, root: MerkleHash.FromBytes(new byte[32])));
        Verify().AssertRefused("Checkpoint 10 signs a root that the bundle's entries do not give");
    }

    [Fact]
    public void AnAgreementWithTheNodesKeysSwappedIsRefusedBeforeAnySignatureIsTrusted()
    {
        Tamper(json =>
        {
            var signed = JsonParser.Default.Parse<SignedAgreement>(json["agreement"]!.ToJsonString());
            var document = ExchangeAgreement.Parser.ParseFrom(signed.Agreement);
            var (a, b) = (document.Parties[0], document.Parties[1]);
            var keys = a.NodeKeys.ToList();
            a.NodeKeys.Clear();
            a.NodeKeys.Add(b.NodeKeys);
            b.NodeKeys.Clear();
            b.NodeKeys.Add(keys);
            signed.Agreement = document.ToByteString();
            json["agreement"] = JsonNode.Parse(JsonFormatter.Default.Format(signed));
        });

        var result = Verify();

        result.AssertRefused("the first bad item is agreement:");
        Assert.Contains("The bundle's agreement is not co-signed by both authorities", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ARangeCarriesTheSubtreeHashesBeforeItAndVerifiesAgainstTheSameCheckpoints()
    {
        var range = workspace.PathOf("range.json");
        workspace.Run("audit", "export", "--data-dir", workspace.PathOf($"data/{LaoCai}"), "--agreement", agreement, "--out", range, "--from-seq", "8", "--to-size", "20", "--actor", "test-auditor")
            .AssertSuccess();

        var result = workspace.Run("audit", "verify-bundle", range);

        result.AssertSuccess();
        result.AssertField("Entries in order", "8 to 20");
        result.AssertField("Checkpoints verified", "2 of 2");
        Assert.Equal(3, ((JsonArray)JsonNode.Parse(File.ReadAllText(range))!["prefix"]!).Count);
    }

    [Fact]
    public void AFileThatIsNoBundleIsAUsageErrorAndAStoreIsNamedLikeForVerify()
    {
        File.WriteAllText(bundle, "{\"format\":\"something-else\"}");
        Verify().AssertUsageError("cannot be read as an audit bundle: The file is not an audit bundle of format 'liaison-audit-bundle/v1'.");
        workspace.Run("audit", "verify-bundle", workspace.PathOf("missing.json")).AssertUsageError("cannot be read as an audit bundle");
        workspace.Run("audit", "export", "--agreement", agreement, "--out", bundle).AssertUsageError("Give either --data-dir (SQLite) or --connection-string and --schema (PostgreSQL).");
        workspace.Run("audit", "export", "--data-dir", workspace.PathOf("nowhere/vn-laocai"), "--agreement", agreement, "--out", bundle).AssertRefused("There is no gateway.db in");
    }

    public void Dispose() => workspace.Dispose();

    private CliResult Verify(params string[] extra) => workspace.Run(["audit", "verify-bundle", bundle, .. extra]);

    private JsonNode Load() => JsonNode.Parse(File.ReadAllText(bundle))!;

    /// <summary>Changes a fresh copy of the exported bundle in place.</summary>
    private void Tamper(Action<JsonNode> change)
    {
        var original = bundle + ".original";
        if (!File.Exists(original))
        {
            File.Copy(bundle, original);
        }

        var json = JsonNode.Parse(File.ReadAllText(original))!;
        change(json);
        File.WriteAllText(bundle, json.ToJsonString());
    }

    private static void CutAfter(JsonNode json, int seq)
    {
        var entries = (JsonArray)json["entries"]!;
        while (entries.Count > seq)
        {
            entries.RemoveAt(entries.Count - 1);
        }
    }

    private static void Swap(JsonArray entries, int i, int j)
    {
        var (a, b) = (entries[i]!.DeepClone(), entries[j]!.DeepClone());
        entries[i] = b;
        entries[j] = a;
    }

    /// <summary>The checkpoint of a note signed again by <paramref name="signer"/>'s key, over <paramref name="root"/> or its own root.</summary>
    private string Resign(string note, string signer, MerkleHash? root)
    {
        var checkpoint = SignedCheckpoint.Parse(note).Checkpoint;
        var inForce = AgreementFiles.LoadInForce(agreement);
        var (_, noteSigner) = CheckpointIssuer.SigningIdentity(inForce, KeyFile.Read(workspace.PathOf($"keys/{signer}.key"), Passphrase), TimeProvider.System);
        return SignedCheckpoint.Sign(new Checkpoint(checkpoint.Origin, checkpoint.Size, root ?? checkpoint.Root), noteSigner).ToString();
    }

    private async Task WriteLogAsync(string dataDirectory)
    {
        var inForce = AgreementFiles.LoadInForce(agreement);
        var keys = KeyFile.Read(workspace.PathOf($"keys/{LaoCai}.key"), Passphrase);
        var (origin, signer) = CheckpointIssuer.SigningIdentity(inForce, keys, TimeProvider.System);
        var store = await GatewayStore.OpenAsync(new StoreOptions { Provider = StoreProvider.Sqlite, DataDirectory = dataDirectory }, TimeProvider.System);
        await using (store)
        {
            for (var i = 0; i < 10; i++)
            {
                await store.RecordUnreadableRejectionAsync(RejectionReason.Malformed);
            }

            Assert.NotNull(await store.IssueAuditCheckpointAsync(origin, signer));
            for (var i = 0; i < 10; i++)
            {
                await store.RecordAuditEventAsync(new AuditEventRecord(AuditEventType.Exported, "test-auditor", $"test export {i}"));
            }

            Assert.NotNull(await store.IssueAuditCheckpointAsync(origin, signer));
        }
    }
}
