using Liaison.Audit.Checkpoints;
using Liaison.Audit.Merkle;
using Liaison.Audit.Notes;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.V1;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Storage.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Tests;

/// <summary>The audit log's Merkle tree, its proofs and signed checkpoints, and what audit verify finds when the store is tampered with.</summary>
public abstract partial class GatewayStoreContract
{
    private static readonly string Origin = AuditLogOrigin.For(TestParties.LaoCai);

    [Fact]
    public async Task TheTreeHeadIsTheRootRecomputedFromAllEntries()
    {
        var store = await OpenAsync();
        await MixedWorkloadAsync(store);

        var head = await store.GetAuditTreeHeadAsync();
        var entries = await store.ReadAuditAsync(1, 10_000);

        Assert.Equal(entries.Count, head.Size);
        Assert.Equal(RootOf(entries, entries.Count), head.Root);
    }

    [Fact]
    public async Task AnEmptyLogHasTheEmptyTreeHead()
    {
        var store = await OpenAsync();

        var head = await store.GetAuditTreeHeadAsync();

        Assert.Equal(0, head.Size);
        Assert.Equal(Rfc6962.EmptyRoot, head.Root);
    }

    [Fact]
    public async Task InclusionProofsOfEveryEntryVerifyAtEverySize()
    {
        var store = await OpenAsync();
        await MixedWorkloadAsync(store);
        var entries = await store.ReadAuditAsync(1, 10_000);

        for (var size = 1; size <= entries.Count; size++)
        {
            var root = RootOf(entries, size);
            for (var seq = 1; seq <= size; seq++)
            {
                var proof = await store.GetAuditInclusionProofAsync(seq, size);
                var leaf = LeafOf(entries[seq - 1]);
                Assert.Equal((ulong)(seq - 1), proof.LeafIndex);
                Assert.True(MerkleVerifier.VerifyInclusion((ulong)(seq - 1), (ulong)size, leaf, proof.Path, root), $"entry {seq} at size {size}");
                Assert.False(MerkleVerifier.VerifyInclusion((ulong)(seq - 1), (ulong)size, LeafOf(entries[seq % size]), proof.Path, root) && size > 1);
            }
        }
    }

    [Fact]
    public async Task ConsistencyProofsBetweenAnyTwoSizesVerify()
    {
        var store = await OpenAsync();
        await MixedWorkloadAsync(store);
        var entries = await store.ReadAuditAsync(1, 10_000);

        for (var to = 1; to <= entries.Count; to++)
        {
            for (var from = 1; from <= to; from++)
            {
                var proof = await store.GetAuditConsistencyProofAsync(from, to);
                Assert.True(MerkleVerifier.VerifyConsistency((ulong)from, (ulong)to, proof.Path, RootOf(entries, from), RootOf(entries, to)), $"{from} to {to}");
            }
        }

        var wrong = await store.GetAuditConsistencyProofAsync(3, entries.Count);
        Assert.False(wrong.Verify(RootOf(entries, 2), RootOf(entries, entries.Count)));
    }

    [Fact]
    public async Task ProofsBeyondTheLogAreRefused()
    {
        var store = await OpenAsync();
        await SubmitAsync(store, "req-1");
        var size = (await store.GetAuditTreeHeadAsync()).Size;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetAuditInclusionProofAsync(1, size + 1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetAuditInclusionProofAsync(size + 1, size));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetAuditConsistencyProofAsync(1, size + 1));
    }

    [Fact]
    public async Task TheTreeStaysWholeAcrossAFailedBatchAndAReopen()
    {
        var store = await OpenAsync();
        await SubmitAsync(store, "taken", seed: 100);
        var (held, release) = await HoldWriterAsync(store);
        Task<SubmitResult>[] good;
        Task<SubmitResult> sealFails;
        try
        {
            good = [SubmitAsync(store, "a", seed: 1), SubmitAsync(store, "b", seed: 2)];
            sealFails = store.SubmitAsync(TestParties.Submission("c", [1]), FailingSeal());
            good = [.. good, SubmitAsync(store, "d", seed: 4)];
        }
        finally
        {
            release.Set();
        }

        await held;
        await Assert.ThrowsAsync<EnvelopeSealException>(() => sealFails);
        await Task.WhenAll(good);
        await store.DisposeAsync();
        var reopened = await OpenAsync();
        await SubmitAsync(reopened, "e", seed: 5);

        var entries = await reopened.ReadAuditAsync(1, 10_000);
        var head = await reopened.GetAuditTreeHeadAsync();
        Assert.Equal(entries.Count, head.Size);
        Assert.Equal(RootOf(entries, entries.Count), head.Root);
        Assert.True((await VerifyLogAsync()).IsIntact);
    }

    [Fact]
    public async Task ATreeOverSeveralRowsOfNodesGivesTheRootsAndProofsOfTheTreeInMemory()
    {
        // Enough entries for five rows of leaves, written in transactions of many sizes, so that
        // batches end inside rows, exactly at their ends, and across them.
        var store = await OpenAsync();
        var written = 0;
        foreach (var batch in new[] { 1, 62, 1, 1, 64, 3, 130, 40 })
        {
            await Task.WhenAll(Enumerable.Range(written, batch).Select(i =>
                store.RecordAuditEventAsync(new AuditEventRecord(AuditEventType.Read, "vn-laocai/officer-0042", $"entry {i}"))));
            written += batch;
        }

        var entries = await store.ReadAuditAsync(1, 10_000);
        Assert.Equal(written, entries.Count);
        Assert.Equal(5, (await Protection.RawDatabase.ColumnAsync(Options, "SELECT tile FROM audit_node_tiles WHERE level = 0")).Count);
        Assert.Equal(RootOf(entries, written), (await store.GetAuditTreeHeadAsync()).Root);
        foreach (var size in new[] { 1, 63, 64, 65, 127, 128, 129, 200, 255, 256, 257, written })
        {
            var root = RootOf(entries, size);
            foreach (var seq in new[] { 1, 63, 64, 65, 128, 129, size / 2, size }.Where(s => s >= 1 && s <= size).Distinct())
            {
                var proof = await store.GetAuditInclusionProofAsync(seq, size);
                Assert.True(MerkleVerifier.VerifyInclusion((ulong)(seq - 1), (ulong)size, LeafOf(entries[seq - 1]), proof.Path, root), $"entry {seq} at size {size}");
            }

            var consistency = await store.GetAuditConsistencyProofAsync(size, written);
            Assert.True(MerkleVerifier.VerifyConsistency((ulong)size, (ulong)written, consistency.Path, root, RootOf(entries, written)), $"{size} to {written}");
        }

        Assert.True((await VerifyLogAsync()).IsIntact);
    }

    [Fact]
    public async Task ATreeStoredOneNodeARowAsBeforeMigration11IsRebuiltAtOpenAndStillMatchesItsCheckpoint()
    {
        var store = await OpenAsync();
        await MixedWorkloadAsync(store);
        Assert.NotNull(await IssuerFor(store).SweepOnceAsync(CancellationToken.None));
        var head = await store.GetAuditTreeHeadAsync();
        var entries = await store.ReadAuditAsync(1, 10_000);
        await store.DisposeAsync();

        // The database as version 10 left it: one row per node in audit_nodes, and no rows of nodes.
        await DropAuditGuardsAsync();
        var statements = new List<string>
        {
            "DROP TABLE audit_node_tiles",
            $"CREATE TABLE audit_nodes (level integer NOT NULL, idx bigint NOT NULL, hash {(Options.Provider == StoreProvider.Postgres ? "bytea" : "BLOB")} NOT NULL, PRIMARY KEY (level, idx))",
            "DELETE FROM schema_migrations WHERE version = 11",
        };
        var tree = new InMemoryHashStore();
        foreach (var entry in entries)
        {
            tree.Append(AuditHashing.Canonical(ToRow(entry)));
        }

        for (var level = 0; (1 << level) <= entries.Count; level++)
        {
            for (var index = 0UL; (index + 1) << level <= (ulong)entries.Count; index++)
            {
                statements.Add($"INSERT INTO audit_nodes (level, idx, hash) VALUES ({level}, {index}, {Blob((await tree.GetNodesAsync([new NodeId(level, index)]))[0].ToArray())})");
            }
        }

        foreach (var statement in statements)
        {
            await Backend.ExecuteRawAsync(Options, statement);
        }

        // Opening migrates and rebuilds the tree before anything reads it (opening may add an entry: OutboxReleased).
        var reopened = await OpenAsync();

        var now = await reopened.GetAuditTreeHeadAsync();
        var all = await reopened.ReadAuditAsync(1, 10_000);
        Assert.Equal((all.Count, RootOf(all, all.Count)), (now.Size, now.Root));
        Assert.Equal(head.Root, RootOf(all, (int)head.Size));
        var grown = await reopened.GetAuditConsistencyProofAsync(head.Size, now.Size);
        Assert.True(MerkleVerifier.VerifyConsistency((ulong)head.Size, (ulong)now.Size, grown.Path, head.Root, now.Root));
        var proof = await reopened.GetAuditInclusionProofAsync(3, head.Size);
        Assert.True(MerkleVerifier.VerifyInclusion(2, (ulong)head.Size, LeafOf(entries[2]), proof.Path, head.Root));
        await Assert.ThrowsAnyAsync<Exception>(() => Backend.ExecuteRawAsync(Options, "SELECT COUNT(*) FROM audit_nodes"));
        var report = await VerifyLogAsync();
        Assert.True(report.IsIntact, string.Join(" ", report.Problems.Select(p => p.Description)));
        Assert.Equal(1, report.CheckpointsVerified);
    }

    [Fact]
    public async Task AStoreWrittenBeforeTheTreeExistedGetsItsTreeAtTheNextWrite()
    {
        var store = await OpenAsync();
        await MixedWorkloadAsync(store);
        await store.DisposeAsync();
        // As if the entries were written by a version without the tree (or before migration 11, which drops it to be rebuilt).
        await DropAuditGuardsAsync();
        await Backend.ExecuteRawAsync(Options, "DELETE FROM audit_node_tiles");
        var reopened = await OpenAsync();

        await SubmitAsync(reopened, "after-upgrade", seed: 9);

        var entries = await reopened.ReadAuditAsync(1, 10_000);
        Assert.Equal(RootOf(entries, entries.Count), (await reopened.GetAuditTreeHeadAsync()).Root);
        Assert.True((await VerifyLogAsync()).IsIntact);
    }

    [Fact]
    public async Task TheStoreItselfRefusesToChangeTreeNodesAndCheckpoints()
    {
        var store = await OpenAsync();
        await MixedWorkloadAsync(store);
        await IssuerFor(store).SweepOnceAsync(CancellationToken.None);

        // A row of nodes may only grow at its end: cut short, rearranged, moved or deleted, it is refused.
        await Assert.ThrowsAnyAsync<Exception>(() => Backend.ExecuteRawAsync(Options, "UPDATE audit_node_tiles SET hashes = substr(hashes, 1, 32) WHERE level = 0 AND tile = 0"));
        await Assert.ThrowsAnyAsync<Exception>(() => Backend.ExecuteRawAsync(Options, $"UPDATE audit_node_tiles SET hashes = {Blob(new byte[32])} || substr(hashes, 33) WHERE level = 0 AND tile = 0"));
        await Assert.ThrowsAnyAsync<Exception>(() => Backend.ExecuteRawAsync(Options, "UPDATE audit_node_tiles SET tile = 7 WHERE level = 0 AND tile = 0"));
        await Assert.ThrowsAnyAsync<Exception>(() => Backend.ExecuteRawAsync(Options, "DELETE FROM audit_node_tiles WHERE level = 0 AND tile = 0"));
        await Assert.ThrowsAnyAsync<Exception>(() => Backend.ExecuteRawAsync(Options, "UPDATE checkpoints SET note = note"));
        await Assert.ThrowsAnyAsync<Exception>(() => Backend.ExecuteRawAsync(Options, "DELETE FROM checkpoints"));
    }

    [Fact]
    public async Task ACheckpointIsSignedOnlyWhenTheLogGrew()
    {
        var store = await OpenAsync();
        var issuer = IssuerFor(store);
        Assert.Null(await issuer.SweepOnceAsync(CancellationToken.None));
        await SubmitAsync(store, "req-1");

        var first = await issuer.SweepOnceAsync(CancellationToken.None);
        var again = await issuer.SweepOnceAsync(CancellationToken.None);
        await SubmitAsync(store, "req-2", seed: 2);
        var second = await issuer.SweepOnceAsync(CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(again);
        Assert.NotNull(second);
        var head = await store.GetAuditTreeHeadAsync();
        Assert.Equal(head.Size, second.TreeSize);
        Assert.Equal(head.Root, second.Root);
        var note = SignedCheckpoint.Parse(second.Note);
        Assert.Equal(Origin, note.Checkpoint.Origin);
        Assert.Equal((ulong)head.Size, note.Checkpoint.Size);
        Assert.Equal(head.Root, note.Checkpoint.Root);
        Assert.Equal(NoteVerification.Verified, note.Verify(new NodeNoteVerifier(Parties.Agreement, TestParties.LaoCai, Suite.InternationalV1, Parties.Time.GetUtcNow())));
        var stored = await store.ListAuditCheckpointsAsync(0, 10);
        Assert.Equal([first.TreeSize, second.TreeSize], stored.Select(c => c.TreeSize));
        Assert.Equal(second, stored[1]);
        var consistency = await store.GetAuditConsistencyProofAsync(first.TreeSize, second.TreeSize);
        Assert.True(consistency.Verify(first.Root, second.Root));
    }

    [Fact]
    public async Task TheIssuerSignsEveryIntervalOnItsClock()
    {
        var store = await OpenAsync();
        await SubmitAsync(store, "req-1");
        using var issuer = IssuerFor(store);
        await issuer.StartAsync(CancellationToken.None);
        try
        {
            for (var i = 0; i < 200 && (await store.ListAuditCheckpointsAsync(0, 10)).Count == 0; i++)
            {
                Parties.Time.Advance(TimeSpan.FromSeconds(5));
                await Task.Delay(20);
            }

            Assert.Single(await store.ListAuditCheckpointsAsync(0, 10));
        }
        finally
        {
            await issuer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task AnUntouchedLogVerifiesWithItsCheckpoints()
    {
        var store = await OpenAsync();
        await MixedWorkloadAsync(store);
        await IssuerFor(store).SweepOnceAsync(CancellationToken.None);
        await SubmitAsync(store, "req-late", seed: 7);
        await IssuerFor(store).SweepOnceAsync(CancellationToken.None);
        var entries = await store.ReadAuditAsync(1, 10_000);

        var report = await VerifyLogAsync();

        Assert.True(report.IsIntact, string.Join(" ", report.Problems.Select(p => p.Description)));
        Assert.Equal(entries.Count, report.Entries);
        Assert.Equal(2, report.CheckpointsVerified);
        Assert.Equal(RootOf(entries, entries.Count), report.Root);
    }

    [Fact]
    public async Task AuditVerifyLocatesOneChangedByteOfAnEntry()
    {
        await TamperedLogAsync(["UPDATE audit SET detail = 'X' || substr(detail, 2) WHERE seq = 7"]);

        var report = await VerifyLogAsync();

        Assert.Equal(7, report.FirstBadSeq);
        Assert.Equal(6, report.Entries);
        Assert.Equal("Entry 7 does not match its leaf hash in the tree (leaf index 6): it was altered after it was written.", report.Problems[0].Description);
    }

    [Fact]
    public async Task AuditVerifyLocatesAChangedEntryWhoseHashesWereRewrittenThroughItsCheckpoint()
    {
        var store = await TamperedLogAsync([]);
        var entries = await store.ReadAuditAsync(1, 10_000);
        // The intruder rewrites entry 7 and then every hash that depends on it, except the signed checkpoint.
        var rows = entries.Select(ToRow).ToList();
        rows[6] = rows[6] with { Detail = "X" + rows[6].Detail[1..] };
        var tree = new InMemoryHashStore();
        foreach (var row in rows)
        {
            tree.Append(AuditHashing.Canonical(row));
        }

        var size = (ulong)rows.Count;
        var statements = new List<string> { "DELETE FROM audit_node_tiles", $"UPDATE audit SET detail = 'X' || substr(detail, 2) WHERE seq = 7" };
        var previous = AuditHashing.Genesis.ToArray();
        foreach (var row in rows)
        {
            previous = AuditHashing.Hash(previous, row);
            statements.Add($"UPDATE audit SET hash = {Blob(previous)} WHERE seq = {row.Seq}");
        }

        for (var level = 0; (1UL << level) <= size; level++)
        {
            var nodes = new List<byte[]>();
            for (var index = 0UL; (index + 1) << level <= size; index++)
            {
                nodes.Add((await tree.GetNodesAsync([new NodeId(level, index)]))[0].ToArray());
            }

            statements.AddRange(LevelRows(level, nodes));
        }

        foreach (var statement in statements)
        {
            await Backend.ExecuteRawAsync(Options, statement);
        }

        var report = await VerifyLogAsync();

        Assert.Equal(entries.Count, report.Entries);
        var problem = Assert.Single(report.Problems);
        Assert.Equal(entries.Count, problem.CheckpointSize);
        Assert.Equal($"Checkpoint {entries.Count} signs a root that the entries do not give: an entry from 1 to {entries.Count} was rewritten together with its hashes.", problem.Description);
    }

    [Fact]
    public async Task AuditVerifyFindsAMissingOrAlteredTreeNode()
    {
        var store = await TamperedLogAsync([]);
        var level1 = await LevelAsync(1);
        await RewriteLevelAsync(1, level1.Take(2).ToList());

        var missing = await VerifyLogAsync();
        await RewriteLevelAsync(1, [.. level1.Take(2), new byte[32], .. level1.Skip(3)]);
        var altered = await VerifyLogAsync();

        Assert.Equal("The stored tree lacks node (level 1, index 2), covering entries 5 to 6.", missing.Problems[0].Description);
        Assert.Equal("The stored tree node (level 1, index 2), covering entries 5 to 6, does not hash its two children: the tree was altered.", altered.Problems[0].Description);
        Assert.Null(altered.FirstBadSeq);
        Assert.True((await store.ReadAuditAsync(1, 10_000)).Count > 6);
    }

    [Fact]
    public async Task AuditVerifyFindsTheLastNodeOfALevelMissing()
    {
        var store = await TamperedLogAsync([]);
        var size = (await store.GetAuditTreeHeadAsync()).Size;
        await RewriteLevelAsync(1, (await LevelAsync(1)).SkipLast(1).ToList());

        var report = await VerifyLogAsync();

        Assert.Equal($"The stored tree lacks node (level 1, index {(size / 2) - 1}), covering entries {size - (size % 2) - 1} to {size - (size % 2)}.", report.Problems[0].Description);
    }

    [Fact]
    public async Task AuditVerifyLocatesADeletedEntry()
    {
        await TamperedLogAsync(["DELETE FROM audit WHERE seq = 5"]);

        var report = await VerifyLogAsync();

        Assert.Equal(5, report.FirstBadSeq);
        Assert.Equal("Entry 5 is missing: the next entry stored is 6.", report.Problems[0].Description);
    }

    [Fact]
    public async Task AuditVerifyLocatesTwoReorderedEntries()
    {
        // Seq is the primary key: the two rows change places through a free number.
        await TamperedLogAsync(["UPDATE audit SET seq = -1 WHERE seq = 4", "UPDATE audit SET seq = 4 WHERE seq = 9", "UPDATE audit SET seq = 9 WHERE seq = -1"]);

        var report = await VerifyLogAsync();

        Assert.Equal(4, report.FirstBadSeq);
        Assert.Equal("Entry 4 holds what was written as entry 9: entries were reordered.", report.Problems[0].Description);
    }

    [Fact]
    public async Task AuditVerifyLocatesATruncatedLog()
    {
        var store = await TamperedLogAsync([]);
        var size = (await store.GetAuditTreeHeadAsync()).Size;
        // Cut entries, tree and chain consistently: only the signed checkpoint still knows the real size.
        await Backend.ExecuteRawAsync(Options, "DELETE FROM audit WHERE seq > 10");
        for (var level = 0; (1L << level) <= size; level++)
        {
            await RewriteLevelAsync(level, (await LevelAsync(level)).Take(10 >> level).ToList());
        }

        var report = await VerifyLogAsync();

        Assert.Equal(10, report.Entries);
        Assert.Equal(11, report.FirstBadSeq);
        Assert.Equal($"Checkpoint {size} covers entries 1 to {size} but the log ends at entry 10: entries 11 to {size} were removed (the log was truncated).", report.Problems[0].Description);
    }

    [Fact]
    public async Task AuditVerifyLocatesATruncatedTableUnderItsTree()
    {
        await TamperedLogAsync(["DELETE FROM audit WHERE seq > 12"]);

        var report = await VerifyLogAsync();

        Assert.Equal(13, report.FirstBadSeq);
        Assert.StartsWith("Entry 13 is missing: the audit table ends at entry 12 but the tree has ", report.Problems[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerifyFindsAReplacedCheckpoint()
    {
        var store = await TamperedLogAsync([]);
        var checkpoint = (await store.ListAuditCheckpointsAsync(0, 1))[0];
        // A note for the same size and root, signed by a key that is not Lao Cai's.
        var forged = SignedCheckpoint.Sign(new Checkpoint(Origin, (ulong)checkpoint.TreeSize, checkpoint.Root), new ForgedSigner()).ToString();
        await Backend.ExecuteRawAsync(Options, $"UPDATE checkpoints SET note = '{forged}' WHERE tree_size = {checkpoint.TreeSize}");

        var report = await VerifyLogAsync();

        var problem = Assert.Single(report.Problems);
        Assert.Equal(checkpoint.TreeSize, problem.CheckpointSize);
        Assert.Null(report.FirstBadSeq);
        Assert.Contains("carries no signature by a key of vn-laocai", problem.Description, StringComparison.Ordinal);
        Assert.Equal(0, report.CheckpointsVerified);
    }

    [Fact]
    public async Task AuditVerifyFindsACheckpointReplacedByAnotherGenuineOne()
    {
        var store = await TamperedLogAsync([]);
        await SubmitAsync(store, "req-late", seed: 8);
        await IssuerFor(store).SweepOnceAsync(CancellationToken.None);
        var both = await store.ListAuditCheckpointsAsync(0, 2);
        await Backend.ExecuteRawAsync(Options, $"UPDATE checkpoints SET note = (SELECT note FROM checkpoints WHERE tree_size = {both[1].TreeSize}) WHERE tree_size = {both[0].TreeSize}");

        var report = await VerifyLogAsync();

        var problem = Assert.Single(report.Problems);
        Assert.Equal(both[0].TreeSize, problem.CheckpointSize);
        Assert.Contains("it was replaced", problem.Description, StringComparison.Ordinal);
        Assert.Equal(1, report.CheckpointsVerified);
    }

    /// <summary>A mixed workload and a checkpoint over it, then the guards dropped and <paramref name="statements"/> run.</summary>
    private async Task<GatewayStore> TamperedLogAsync(IReadOnlyList<string> statements)
    {
        var store = await OpenAsync();
        await MixedWorkloadAsync(store);
        Assert.NotNull(await IssuerFor(store).SweepOnceAsync(CancellationToken.None));
        Assert.True((await VerifyLogAsync()).IsIntact);
        await DropAuditGuardsAsync();
        foreach (var statement in statements)
        {
            await Backend.ExecuteRawAsync(Options, statement);
        }

        return store;
    }

    /// <summary>The stored nodes of one level, in index order, as the tree's rows hold them.</summary>
    private async Task<List<byte[]>> LevelAsync(int level) =>
        (await Protection.RawDatabase.ColumnAsync(Options, $"SELECT hashes FROM audit_node_tiles WHERE level = {level} ORDER BY tile"))
        .SelectMany(row => ((byte[])row!).Chunk(MerkleHash.Length))
        .ToList();

    /// <summary>Replaces the stored nodes of one level behind the store's back (the guards dropped).</summary>
    private async Task RewriteLevelAsync(int level, IReadOnlyList<byte[]> nodes)
    {
        await Backend.ExecuteRawAsync(Options, $"DELETE FROM audit_node_tiles WHERE level = {level}");
        foreach (var statement in LevelRows(level, nodes))
        {
            await Backend.ExecuteRawAsync(Options, statement);
        }
    }

    /// <summary>The INSERTs that store <paramref name="nodes"/> as level <paramref name="level"/>'s rows.</summary>
    private IEnumerable<string> LevelRows(int level, IReadOnlyList<byte[]> nodes) =>
        nodes.Chunk(AuditNodeTable.TileWidth).Select((tile, i) =>
            $"INSERT INTO audit_node_tiles (level, tile, hashes) VALUES ({level}, {i}, {Blob(tile.SelectMany(h => h).ToArray())})");

    private Task<AuditLogReport> VerifyLogAsync() =>
        AuditLogVerifier.VerifyAsync(Options, Parties.Agreement, TestParties.LaoCai);

    private CheckpointIssuer IssuerFor(IGatewayStore store) =>
        new(store, Origin, new NodeNoteSigner(Parties.Agreement, Parties.LaoCaiKeys, Suite.InternationalV1, Parties.Time), Parties.Time,
            Microsoft.Extensions.Options.Options.Create(new AuditLogOptions()), NullLogger<CheckpointIssuer>.Instance);

    private static AuditRow ToRow(AuditEntry entry) =>
        new(entry.Seq, DbValues.Millis(entry.RecordedAt), entry.EventType.ToString(), entry.EnvelopeId, entry.PeerNode, entry.ReasonCode, entry.Detail, entry.Hash.ToArray(), entry.Actor, entry.Subject, entry.FormatVersion);

    private static MerkleHash LeafOf(AuditEntry entry) => Rfc6962.HashLeaf(AuditHashing.Canonical(ToRow(entry)));

    private static MerkleHash RootOf(IReadOnlyList<AuditEntry> entries, int size)
    {
        var range = new CompactRange();
        foreach (var entry in entries.Take(size))
        {
            range.Append(LeafOf(entry));
        }

        return range.Root();
    }

    private string Blob(byte[] bytes) => Options.Provider == StoreProvider.Postgres
        ? $"decode('{Convert.ToHexString(bytes)}', 'hex')"
        : $"X'{Convert.ToHexString(bytes)}'";

    private sealed class ForgedSigner : INoteSigner
    {
        private readonly NSec.Cryptography.Key key = NSec.Cryptography.Key.Create(NSec.Cryptography.SignatureAlgorithm.Ed25519);

        public string KeyName => TestParties.LaoCai;

        public uint KeyHash => 0x01020304;

        public byte[] Sign(byte[] message) => NSec.Cryptography.SignatureAlgorithm.Ed25519.Sign(key, message);
    }
}
