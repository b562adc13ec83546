namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// Recomputes the audit chain from seq 1, a page at a time, and stops at the first
/// entry that is missing or does not hash to what is stored. An altered entry fails
/// its own check (its stored hash no longer matches its content), so the seq
/// reported is the one that was changed. What a chain alone cannot show is a
/// truncated tail or a rewrite of every later hash: that needs the signed
/// checkpoints of the later Merkle log.
/// </summary>
internal static class AuditVerifier
{
    private const int Page = 1000;

    public static async Task<AuditChainReport> VerifyAsync(StoreSession session, CancellationToken cancellationToken)
    {
        var previous = AuditHashing.Genesis.ToArray();
        var expected = 1L;
        while (true)
        {
            var rows = await AuditTable.ReadAsync(session, expected, Page, cancellationToken);
            foreach (var row in rows)
            {
                if (row.Seq != expected)
                {
                    return new AuditChainReport(expected, expected, $"Entry {expected} is missing: the next entry stored is {row.Seq}.");
                }

                if (AuditHashing.FormatProblem(row) is { } format)
                {
                    return new AuditChainReport(expected, expected, format);
                }

                var hash = AuditHashing.Hash(previous, row);
                if (!hash.AsSpan().SequenceEqual(row.Hash))
                {
                    return new AuditChainReport(expected, expected, $"Entry {expected} does not match its hash: it was altered after it was written.");
                }

                (previous, expected) = (hash, expected + 1);
            }

            if (rows.Count < Page)
            {
                return new AuditChainReport(expected - 1, null, "");
            }
        }
    }
}
