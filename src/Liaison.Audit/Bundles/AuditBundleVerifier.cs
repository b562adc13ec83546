using Liaison.Audit.Checkpoints;
using Liaison.Audit.Merkle;
using Liaison.Audit.Notes;
using Liaison.Audit.Witnessing;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.V1;

namespace Liaison.Audit.Bundles;

/// <summary>
/// Checks an audit bundle on its own, offline, in this order:
/// <list type="number">
/// <item>the agreement is co-signed by both authorities (and is the one the auditor expects, when a digest is given);</item>
/// <item>every entry, in seq order without gaps: its leaf data decodes, is the leaf of that seq, and says what its readable fields say;</item>
/// <item>the Merkle tree recomputed from the leaf data (after the prefix, for a range);</item>
/// <item>every checkpoint: it is the node's origin, the node's key in the agreement signed it, and its root is the recomputed root at its size;</item>
/// <item>every cosignature: the partner's key in the agreement signed the checkpoint it names, whose root the entries give.</item>
/// </list>
/// Entries are read up to the first bad one, which is named with what is wrong; checkpoints
/// and cosignatures are each checked and named. Thread-safe; no I/O.
/// </summary>
public static class AuditBundleVerifier
{
    /// <param name="expectedAgreementDigest">SHA-256 of the agreement the auditor holds, or empty to accept any agreement both authorities signed (its digest is reported).</param>
    public static AuditBundleReport Verify(AuditBundle bundle, ReadOnlySpan<byte> expectedAgreementDigest = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var problems = new List<AuditBundleProblem>();
        var (agreement, digest) = CheckAgreement(bundle, expectedAgreementDigest, problems);
        var sizes = bundle.Checkpoints.Select(c => c.TreeSize).Concat(bundle.Cosignatures.Select(c => c.TreeSize)).ToHashSet();
        var (sound, root, roots) = CheckEntries(bundle, sizes, problems);
        var entriesIntact = problems.All(p => !p.Item.StartsWith("entr", StringComparison.Ordinal));
        var lastSound = bundle.FirstSeq + sound - 1;
        if (entriesIntact && lastSound < bundle.TreeSize)
        {
            problems.Add(new AuditBundleProblem($"entry {lastSound + 1}",
                $"The bundle declares entries up to {bundle.TreeSize} but ends at entry {lastSound}: entries {lastSound + 1} to {bundle.TreeSize} were removed (the bundle was truncated)."));
            entriesIntact = false;
        }
        else if (entriesIntact && lastSound > bundle.TreeSize)
        {
            problems.Add(new AuditBundleProblem($"entry {bundle.TreeSize + 1}", $"The bundle declares entries up to {bundle.TreeSize} but holds entries up to {lastSound}: its header was altered."));
        }

        var (checkpoints, covered) = CheckCheckpoints(bundle, agreement, roots, lastSound, entriesIntact, problems);
        var cosignatures = CheckCosignatures(bundle, agreement, roots, lastSound, problems);
        return new AuditBundleReport(bundle.NodeId, digest, bundle.FirstSeq, sound, root, checkpoints, cosignatures, covered, problems);
    }

    private static (AgreementInForce? Agreement, byte[] Digest) CheckAgreement(AuditBundle bundle, ReadOnlySpan<byte> expectedDigest, List<AuditBundleProblem> problems)
    {
        var report = AgreementInForce.Inspect(bundle.Agreement, null);
        if (!expectedDigest.IsEmpty && !expectedDigest.SequenceEqual(report.Digest))
        {
            problems.Add(new AuditBundleProblem("agreement",
                $"The bundle's agreement has SHA-256 {Convert.ToHexStringLower(report.Digest)}, not {Convert.ToHexStringLower(expectedDigest)}: it is not the agreement you hold."));
            return (null, report.Digest);
        }

        if (report.Agreement is null)
        {
            var why = report.Problems.Count > 0 ? report.Problems[0] : $"it lacks the signature of {string.Join(" and ", report.MissingSignatures)}";
            problems.Add(new AuditBundleProblem("agreement", $"The bundle's agreement is not co-signed by both authorities ({why.TrimEnd('.')}): its keys were changed or it is not the agreement, so no signature of the log was checked."));
            return (null, report.Digest);
        }

        if (report.Agreement.FindParty(bundle.NodeId) is null)
        {
            problems.Add(new AuditBundleProblem("agreement", $"The bundle's agreement has no party '{bundle.NodeId}', the node the bundle is of."));
            return (null, report.Digest);
        }

        return (report.Agreement, report.Digest);
    }

    private static (long Sound, MerkleHash Root, Dictionary<long, MerkleHash> Roots) CheckEntries(AuditBundle bundle, HashSet<long> sizes, List<AuditBundleProblem> problems)
    {
        var roots = new Dictionary<long, MerkleHash>();
        if (bundle.FirstSeq < 1)
        {
            problems.Add(new AuditBundleProblem("entries", $"The bundle's first_seq is {bundle.FirstSeq}; entries start at 1."));
            return (0, Rfc6962.EmptyRoot, roots);
        }

        CompactRange range;
        try
        {
            range = bundle.FirstSeq == 1 ? new CompactRange() : CompactRange.Resume((ulong)(bundle.FirstSeq - 1), bundle.Prefix);
        }
        catch (ArgumentException)
        {
            problems.Add(new AuditBundleProblem("entries",
                $"The bundle starts at entry {bundle.FirstSeq} but its prefix does not have the {ulong.PopCount((ulong)(bundle.FirstSeq - 1))} subtree hashes that cover entries 1 to {bundle.FirstSeq - 1}."));
            return (0, Rfc6962.EmptyRoot, roots);
        }

        roots[bundle.FirstSeq - 1] = range.Root();
        var entries = bundle.Entries;
        var expected = bundle.FirstSeq;
        for (var position = 0; position < entries.Count; position++, expected++)
        {
            var entry = entries[position];
            if (EntryProblem(entries, position, expected) is { } problem)
            {
                problems.Add(new AuditBundleProblem($"entry {expected}", problem));
                break;
            }

            range.AppendLeaf(entry.LeafData.Span);
            if (sizes.Contains(expected))
            {
                roots[expected] = range.Root();
            }
        }

        return (expected - bundle.FirstSeq, range.Root(), roots);
    }

    private static string? EntryProblem(IReadOnlyList<BundleEntry> entries, int position, long expected)
    {
        var entry = entries[position];
        if (entry.Seq != expected)
        {
            return entries.Skip(position + 1).Any(e => e.Seq == expected)
                ? $"Entry {expected} is out of place: the bundle holds entry {entry.Seq} where entry {expected} belongs (position {position + 1}); entries were reordered."
                : $"Entry {expected} is missing: the next entry in the bundle is {entry.Seq}; it was deleted.";
        }

        AuditLeafFields leaf;
        try
        {
            leaf = AuditLeafCodec.Decode(entry.LeafData.Span);
        }
        catch (FormatException e)
        {
            return $"Entry {expected} is not sound: {e.Message}; it was altered.";
        }

        if (leaf.Seq != expected)
        {
            return $"Entry {expected} carries the leaf data of entry {leaf.Seq}: entries were reordered.";
        }

        var altered = MismatchedField(entry, leaf);
        return altered is null ? null : $"Entry {expected}'s {altered} does not say what its leaf data says: the entry or its leaf data was altered.";
    }

    private static string? MismatchedField(BundleEntry entry, AuditLeafFields leaf) =>
        entry.RecordedAt.ToUnixTimeMilliseconds() != leaf.RecordedAt ? "recorded_at"
        : entry.EventType != leaf.EventType ? "event_type"
        : entry.EnvelopeId != leaf.EnvelopeId ? "envelope_id"
        : entry.PeerNode != leaf.PeerNode ? "peer_node"
        : entry.ReasonCode != leaf.ReasonCode ? "reason_code"
        : entry.Detail != leaf.Detail ? "detail"
        : entry.Actor != leaf.Actor ? "actor"
        : entry.Subject != leaf.Subject ? "subject"
        : null;

    private static (int Verified, long Covered) CheckCheckpoints(AuditBundle bundle, AgreementInForce? agreement, Dictionary<long, MerkleHash> roots, long lastSound, bool entriesIntact, List<AuditBundleProblem> problems)
    {
        var verified = 0;
        var covered = 0L;
        var lastGood = bundle.FirstSeq - 1;
        foreach (var checkpoint in bundle.Checkpoints)
        {
            var size = checkpoint.TreeSize;
            var item = $"checkpoint {size}";
            var problem = NoteProblem(bundle, checkpoint.Note, size, $"Checkpoint {size}", out var parsed);
            if (problem is null && agreement is not null && !SignedBy(parsed!, agreement, bundle.NodeId, checkpoint.IssuedAt, cosignature: false))
            {
                problem = $"Checkpoint {size} carries no valid signature by a key of {bundle.NodeId} that the agreement lists as valid at {checkpoint.IssuedAt:O}: it was replaced or forged.";
            }

            problem ??= RootProblem(parsed!, roots, bundle.FirstSeq, lastSound, entriesIntact, lastGood, $"Checkpoint {size}");
            if (problem is not null)
            {
                problems.Add(new AuditBundleProblem(item, problem));
            }
            else if (agreement is not null)
            {
                verified++;
                lastGood = size;
                covered = Math.Max(covered, size);
            }
        }

        return (verified, covered);
    }

    private static int CheckCosignatures(AuditBundle bundle, AgreementInForce? agreement, Dictionary<long, MerkleHash> roots, long lastSound, List<AuditBundleProblem> problems)
    {
        var verified = 0;
        foreach (var cosignature in bundle.Cosignatures)
        {
            var size = cosignature.TreeSize;
            var what = $"The cosignature of checkpoint {size} by {cosignature.Witness}";
            var problem = cosignature.Witness == bundle.NodeId || (agreement is not null && agreement.FindParty(cosignature.Witness) is null)
                ? $"{what} is not by a partner of {bundle.NodeId} in the agreement."
                : NoteProblem(bundle, cosignature.Note, size, what, out var parsed)
                    ?? (agreement is not null && !SignedBy(parsed!, agreement, cosignature.Witness, cosignature.CosignedAt, cosignature: true)
                        ? $"{what} carries no valid signature by a key of {cosignature.Witness} that the agreement lists as valid at {cosignature.CosignedAt:O}: it was replaced or forged."
                        : RootProblem(parsed!, roots, bundle.FirstSeq, lastSound, entriesIntact: true, bundle.FirstSeq - 1, what));
            if (problem is not null)
            {
                problems.Add(new AuditBundleProblem($"cosignature {size} by {cosignature.Witness}", problem));
            }
            else if (agreement is not null)
            {
                verified++;
            }
        }

        return verified;
    }

    private static string? NoteProblem(AuditBundle bundle, string note, long size, string what, out SignedCheckpoint? parsed)
    {
        parsed = null;
        try
        {
            parsed = SignedCheckpoint.Parse(note);
        }
        catch (NoteFormatException e)
        {
            return $"{what} is not a valid signed checkpoint: {e.Message}";
        }

        var body = parsed.Checkpoint;
        return body.Origin != bundle.Origin ? $"{what} names the log '{body.Origin}', not '{bundle.Origin}': it was replaced."
            : (long)body.Size != size ? $"{what}'s note is of size {body.Size}: it was replaced."
            : null;
    }

    private static string? RootProblem(SignedCheckpoint parsed, Dictionary<long, MerkleHash> roots, long firstSeq, long lastSound, bool entriesIntact, long lastGood, string what)
    {
        var size = (long)parsed.Checkpoint.Size;
        if (size < firstSeq - 1)
        {
            return $"{what} is of a size before the bundle's first entry {firstSeq}: its root cannot be recomputed from this bundle.";
        }

        if (size > lastSound)
        {
            return entriesIntact
                ? $"{what} covers entries up to {size} but the bundle ends at entry {lastSound}: entries {lastSound + 1} to {size} were removed (the bundle was truncated)."
                : $"{what} could not be compared: the entries stop being sound at entry {lastSound + 1}.";
        }

        return roots.TryGetValue(size, out var root) && root == parsed.Checkpoint.Root
            ? null
            : $"{what} signs a root that the bundle's entries do not give: an entry from {lastGood + 1} to {size} was altered together with its leaf data, or the checkpoint was replaced.";
    }

    /// <summary>
    /// A node signs its checkpoints as a signed note with its agreement key in either suite; a witness
    /// cosigns with the same key as a C2SP cosignature (cosignature/v1 in the international suite).
    /// </summary>
    private static bool SignedBy(SignedCheckpoint checkpoint, AgreementInForce agreement, string node, DateTimeOffset at, bool cosignature)
    {
        foreach (var suite in new[] { Suite.InternationalV1, Suite.GmV1 })
        {
            if (NodeStatements.CurrentSigningKey(agreement, node, suite, at) is null)
            {
                continue;
            }

            INoteVerifier verifier = cosignature ? new NodeCosignatureVerifier(agreement, node, suite, at) : new NodeNoteVerifier(agreement, node, suite, at);
            if (checkpoint.Verify(verifier) == NoteVerification.Verified)
            {
                return true;
            }
        }

        return false;
    }
}
