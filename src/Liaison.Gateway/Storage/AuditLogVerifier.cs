using Liaison.Audit.Checkpoints;
using Liaison.Audit.Merkle;
using Liaison.Audit.Notes;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.V1;
using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Storage;

/// <summary>
/// <c>liaison audit verify</c>: checks a node's stored audit log while the node is offline,
/// reading the database directly (it neither migrates nor writes). It recomputes the
/// whole log from the entries and compares, in this order:
/// <list type="number">
/// <item>each entry with its place (no gap), its event type, its format (1, or 2 with actor and subject), its hash-chain link and its leaf in the stored tree;</item>
/// <item>the stored tree's size with the entries (a longer tree means a truncated table);</item>
/// <item>every stored inner node with the hash of its two children, level by level;</item>
/// <item>every checkpoint: its note parses, matches its row, has the node's origin and a valid signature
/// by the node's agreement key at the time it was issued, and its root is the root recomputed at its size;</item>
/// <item>every partner's cosignature: over one of those checkpoints, and valid with the partner's key in the agreement.</item>
/// </list>
/// It stops reading entries at the first bad one, which it names with what is wrong.
/// </summary>
public static class AuditLogVerifier
{
    private const int Page = 1000;

    /// <param name="options">The node's store (validated like the gateway's); a SQLite file must exist.</param>
    /// <param name="agreement">The agreement in force, whose key of <paramref name="nodeId"/> must have signed the checkpoints.</param>
    /// <param name="nodeId">The node whose log this is.</param>
    /// <exception cref="FileNotFoundException">SQLite: there is no gateway.db in the data directory.</exception>
    public static async Task<AuditLogReport> VerifyAsync(StoreOptions options, AgreementInForce agreement, string nodeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        StoreOptionsValidator.ThrowIfInvalid(options);
        if (options.Provider == StoreProvider.Sqlite && !File.Exists(Path.Combine(options.DataDirectory, SqliteDialect.FileName)))
        {
            throw new FileNotFoundException($"There is no {SqliteDialect.FileName} in '{options.DataDirectory}'.", Path.Combine(options.DataDirectory, SqliteDialect.FileName));
        }

        await using var dialect = SqlDialect.For(options);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var session = new StoreSession(connection, null, dialect);
        var checkpoints = new List<StoredCheckpointRow>();
        for (var from = 0L; ; from = checkpoints[^1].TreeSize + 1)
        {
            var page = await CheckpointTable.ReadAsync(session, from, Page, cancellationToken);
            checkpoints.AddRange(page);
            if (page.Count < Page)
            {
                break;
            }
        }

        var problems = new List<AuditLogProblem>();
        var (entries, root, roots) = await CheckEntriesAsync(session, checkpoints.Select(c => c.TreeSize).ToHashSet(), problems, cancellationToken);
        if (problems.Count == 0)
        {
            await CheckInnerNodesAsync(session, problems, cancellationToken);
        }

        var verified = CheckCheckpoints(checkpoints, roots, entries, problems.Count == 0, agreement, nodeId, problems);
        // 5. every partner's cosignature: over one of these checkpoints, by the partner's key in the agreement.
        await Witnessing.Internal.CosignatureAudit.CheckAsync(session, checkpoints.ToDictionary(c => c.TreeSize, c => c.Root), agreement, nodeId, problems, cancellationToken);
        return new AuditLogReport(entries, root, verified, problems);
    }

    private static async Task<(long Entries, MerkleHash Root, Dictionary<long, MerkleHash> Roots)> CheckEntriesAsync(
        StoreSession session, HashSet<long> checkpointSizes, List<AuditLogProblem> problems, CancellationToken cancellationToken)
    {
        var range = new CompactRange();
        var roots = new Dictionary<long, MerkleHash>();
        var previous = AuditHashing.Genesis.ToArray();
        var expected = 1L;
        var storedLeaves = await AuditNodeTable.LeafCountAsync(session, cancellationToken);
        while (true)
        {
            var rows = await AuditTable.ReadAsync(session, expected, Page, cancellationToken);
            var leaves = (await AuditNodeTable.ReadLevelAsync(session, 0, expected - 1, Page, cancellationToken)).ToDictionary(l => l.Index, l => l.Hash);
            foreach (var row in rows)
            {
                if (EntryProblem(row, expected, previous, leaves) is { } problem)
                {
                    problems.Add(new AuditLogProblem(expected, null, problem.StartsWith("leaf:", StringComparison.Ordinal)
                        ? await LeafProblemAsync(session, row, storedLeaves, cancellationToken)
                        : problem));
                    return (expected - 1, range.Root(), roots);
                }

                previous = row.Hash;
                range.AppendLeaf(AuditHashing.Canonical(row));
                if (checkpointSizes.Contains(expected))
                {
                    roots[expected] = range.Root();
                }

                expected++;
            }

            if (rows.Count < Page)
            {
                break;
            }
        }

        var entries = expected - 1;
        if (storedLeaves > entries)
        {
            problems.Add(new AuditLogProblem(expected, null,
                $"Entry {expected} is missing: the audit table ends at entry {entries} but the tree has {storedLeaves} leaves; the log was truncated."));
        }

        return (entries, range.Root(), roots);
    }

    /// <returns>Null when the entry is sound; a sentence otherwise ("leaf:" when only its leaf is wrong so far).</returns>
    private static string? EntryProblem(AuditRow row, long expected, byte[] previous, Dictionary<long, byte[]> leaves)
    {
        if (row.Seq != expected)
        {
            return $"Entry {expected} is missing: the next entry stored is {row.Seq}.";
        }

        if (!Enum.TryParse<AuditEventType>(row.EventType, ignoreCase: false, out var type) || !Enum.IsDefined(type))
        {
            return $"Entry {expected} has an unknown event type: it was altered after it was written.";
        }

        if (AuditHashing.FormatProblem(row) is { } format)
        {
            return format;
        }

        if (!leaves.TryGetValue(expected - 1, out var leaf))
        {
            return $"Entry {expected} has no leaf in the stored tree (leaf index {expected - 1}): the tree was cut short.";
        }

        if (!Rfc6962.HashLeaf(AuditHashing.Canonical(row)).AsSpan().SequenceEqual(leaf))
        {
            return "leaf:";
        }

        if (!AuditHashing.Hash(previous, row).AsSpan().SequenceEqual(row.Hash))
        {
            return $"Entry {expected} matches its leaf but not its hash-chain link: its chain hash, or the entry before it, was altered.";
        }

        return null;
    }

    /// <summary>Says whether an entry whose leaf does not match was changed in place or moved from another position.</summary>
    private static async Task<string> LeafProblemAsync(StoreSession session, AuditRow row, long storedLeaves, CancellationToken cancellationToken)
    {
        for (var from = 0L; from < storedLeaves; from += Page)
        {
            foreach (var (index, hash) in await AuditNodeTable.ReadLevelAsync(session, 0, from, Page, cancellationToken))
            {
                if (index != row.Seq - 1 && Rfc6962.HashLeaf(AuditHashing.Canonical(row with { Seq = index + 1 })).AsSpan().SequenceEqual(hash))
                {
                    return $"Entry {row.Seq} holds what was written as entry {index + 1}: entries were reordered.";
                }
            }
        }

        return $"Entry {row.Seq} does not match its leaf hash in the tree (leaf index {row.Seq - 1}): it was altered after it was written.";
    }

    /// <summary>Each stored node above the leaves must hash its two stored children, and each level must be as long as the one below allows.</summary>
    private static async Task CheckInnerNodesAsync(StoreSession session, List<AuditLogProblem> problems, CancellationToken cancellationToken)
    {
        var leaves = await AuditNodeTable.LeafCountAsync(session, cancellationToken);
        var top = Math.Max(await AuditNodeTable.MaxLevelAsync(session, cancellationToken), 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)Math.Max(leaves, 1)));
        for (var level = 1; level <= top; level++)
        {
            var expectedIndex = 0L;
            for (var from = 0L; ; from += Page)
            {
                var parents = await AuditNodeTable.ReadLevelAsync(session, level, from, Page, cancellationToken);
                var children = (await AuditNodeTable.ReadLevelAsync(session, level - 1, from * 2, Page * 2, cancellationToken)).ToDictionary(c => c.Index, c => c.Hash);
                foreach (var (index, hash) in parents)
                {
                    var covers = $"covering entries {(index << level) + 1} to {(index + 1) << level}";
                    if (index != expectedIndex)
                    {
                        problems.Add(new AuditLogProblem(null, null,
                            $"The stored tree lacks node (level {level}, index {expectedIndex}), covering entries {(expectedIndex << level) + 1} to {(expectedIndex + 1) << level}."));
                        return;
                    }

                    if (!children.TryGetValue(index * 2, out var left) || !children.TryGetValue((index * 2) + 1, out var right)
                        || !Rfc6962.HashChildren(MerkleHash.FromBytes(left), MerkleHash.FromBytes(right)).AsSpan().SequenceEqual(hash))
                    {
                        problems.Add(new AuditLogProblem(null, null, $"The stored tree node (level {level}, index {index}), {covers}, does not hash its two children: the tree was altered."));
                        return;
                    }

                    expectedIndex++;
                }

                if (parents.Count < Page)
                {
                    break;
                }
            }

            // A tree of n leaves has n >> level complete nodes at each level, no more and no fewer.
            if (expectedIndex != leaves >> level)
            {
                var index = Math.Min(expectedIndex, leaves >> level);
                problems.Add(new AuditLogProblem(null, null, expectedIndex < leaves >> level
                    ? $"The stored tree lacks node (level {level}, index {index}), covering entries {(index << level) + 1} to {(index + 1) << level}."
                    : $"The stored tree has nodes at level {level} beyond its {leaves} leaves, from index {index}: the tree was altered."));
                return;
            }
        }
    }

    private static int CheckCheckpoints(List<StoredCheckpointRow> checkpoints, Dictionary<long, MerkleHash> roots, long entries, bool entriesIntact,
        AgreementInForce agreement, string nodeId, List<AuditLogProblem> problems)
    {
        var verified = 0;
        var lastGood = 0L;
        var origin = AuditLogOrigin.For(nodeId);
        foreach (var row in checkpoints)
        {
            var size = row.TreeSize;
            var problem = CheckpointProblem(row, origin, agreement, nodeId);
            if (problem is null && size > entries)
            {
                problem = entriesIntact
                    ? $"Checkpoint {size} covers entries 1 to {size} but the log ends at entry {entries}: entries {entries + 1} to {size} were removed (the log was truncated)."
                    : $"Checkpoint {size} could not be compared: the entries stop being sound at entry {entries + 1}.";
                problems.Add(new AuditLogProblem(entriesIntact ? entries + 1 : null, size, problem));
                continue;
            }

            var recomputed = size == 0 ? Rfc6962.EmptyRoot : roots.GetValueOrDefault(size);
            if (problem is null && (recomputed is null || !recomputed.AsSpan().SequenceEqual(row.Root)))
            {
                problem = $"Checkpoint {size} signs a root that the entries do not give: an entry from {lastGood + 1} to {size} was rewritten together with its hashes.";
            }

            if (problem is null)
            {
                verified++;
                lastGood = size;
            }
            else
            {
                problems.Add(new AuditLogProblem(null, size, problem));
            }
        }

        return verified;
    }

    private static string? CheckpointProblem(StoredCheckpointRow row, string origin, AgreementInForce agreement, string nodeId)
    {
        var size = row.TreeSize;
        SignedCheckpoint parsed;
        try
        {
            parsed = SignedCheckpoint.Parse(row.Note);
        }
        catch (NoteFormatException e)
        {
            return $"Checkpoint {size} is not a valid signed checkpoint: {e.Message}";
        }

        var body = parsed.Checkpoint;
        if (body.Origin != origin)
        {
            return $"Checkpoint {size} names the log '{body.Origin}', not '{origin}': it was replaced.";
        }

        if ((long)body.Size != size || !body.Root.AsSpan().SequenceEqual(row.Root))
        {
            return $"Checkpoint {size}'s note is of size {body.Size} with another root than its row: it was replaced.";
        }

        var issuedAt = DbValues.Time(row.IssuedAt);
        var outcomes = Enum.GetValues<Suite>()
            .Where(suite => suite is Suite.InternationalV1 or Suite.GmV1 && NodeStatements.CurrentSigningKey(agreement, nodeId, suite, issuedAt) is not null)
            .Select(suite => parsed.Verify(new NodeNoteVerifier(agreement, nodeId, suite, issuedAt)))
            .ToList();
        return outcomes.Contains(NoteVerification.Verified) ? null
            : outcomes.Contains(NoteVerification.BadSignature) ? $"Checkpoint {size}'s signature by {nodeId} does not verify: it was replaced or forged."
            : $"Checkpoint {size} carries no signature by a key of {nodeId} that the agreement lists as valid at {issuedAt:O}: it was replaced.";
    }
}
