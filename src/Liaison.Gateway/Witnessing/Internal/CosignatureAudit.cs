using Liaison.Audit.Checkpoints;
using Liaison.Audit.Notes;
using Liaison.Crypto.Agreements;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Witnessing.Internal;

/// <summary>
/// The cosignature part of <c>liaison audit verify</c>: every stored cosignature must be over one
/// of the node's stored checkpoints (same origin, size and root) and verify with the witness's key
/// as the agreement lists it when the cosignature was received.
/// </summary>
internal static class CosignatureAudit
{
    private const int Page = 1000;

    /// <param name="checkpointRoots">The stored checkpoints' roots by tree size.</param>
    public static async Task CheckAsync(StoreSession session, IReadOnlyDictionary<long, byte[]> checkpointRoots, AgreementInForce agreement, string nodeId,
        List<AuditLogProblem> problems, CancellationToken cancellationToken)
    {
        // A store from before migration 5 has no cosignatures to check; one after it must have the table.
        if (await session.ScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = 5", cancellationToken) == 0)
        {
            return;
        }

        var origin = AuditLogOrigin.For(nodeId);
        for (var from = 0L; ; )
        {
            var page = await WitnessingTables.CosignaturesAsync(session, from, Page, cancellationToken);
            // A full page may end inside one size's rows (one per witness): that size is read again with the next page,
            // unless the whole page is that one size.
            var full = page.Count == Page;
            var next = full && page[0].TreeSize != page[^1].TreeSize ? page[^1].TreeSize : (full ? page[^1].TreeSize + 1 : 0);
            foreach (var cosignature in page.Where(c => !full || c.TreeSize < next))
            {
                if (Problem(cosignature, origin, checkpointRoots, agreement) is { } problem)
                {
                    problems.Add(new AuditLogProblem(null, cosignature.TreeSize, problem));
                }
            }

            if (!full)
            {
                return;
            }

            from = next;
        }
    }

    private static string? Problem(StoredCosignature cosignature, string origin, IReadOnlyDictionary<long, byte[]> roots, AgreementInForce agreement)
    {
        var what = $"The cosignature of checkpoint {cosignature.TreeSize} by {cosignature.Witness}";
        SignedCheckpoint note;
        try
        {
            note = SignedCheckpoint.Parse(cosignature.Note);
        }
        catch (NoteFormatException e)
        {
            return $"{what} is not a valid signed checkpoint: {e.Message}";
        }

        var body = note.Checkpoint;
        if (body.Origin != origin || (long)body.Size != cosignature.TreeSize || !roots.TryGetValue(cosignature.TreeSize, out var root) || !body.Root.AsSpan().SequenceEqual(root))
        {
            return $"{what} is over another checkpoint than this node's checkpoint {cosignature.TreeSize}: it was replaced.";
        }

        var verifier = WitnessKeys.CosignatureVerifier(agreement, cosignature.Witness, cosignature.ReceivedAt);
        return verifier is null
            ? $"{what}: the agreement lists no key of {cosignature.Witness} valid at {cosignature.ReceivedAt:O}."
            : note.Verify(verifier) switch
            {
                NoteVerification.Verified => null,
                NoteVerification.BadSignature => $"{what} does not verify with the key of {cosignature.Witness} in the agreement: it was altered or forged.",
                _ => $"{what} carries no cosignature line of {cosignature.Witness}'s key: it was replaced.",
            };
    }
}
