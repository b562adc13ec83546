namespace Liaison.Audit.Internal;

/// <summary>
/// The leaf ranges whose tree hashes make up an RFC 9162 proof, in proof order.
/// This is the RFC's recursive definition verbatim (PATH in §2.1.3.1, SUBPROOF
/// in §2.1.4.1) so that correctness can be checked against the text; the hashes
/// themselves are fetched afterwards in one batch.
/// </summary>
internal static class ProofRanges
{
    public static List<(ulong Begin, ulong End)> Inclusion(ulong index, ulong size)
    {
        var ranges = new List<(ulong, ulong)>(64);
        Path(index, 0, size, ranges);
        return ranges;
    }

    public static List<(ulong Begin, ulong End)> Consistency(ulong size1, ulong size2)
    {
        var ranges = new List<(ulong, ulong)>(64);
        if (size1 > 0 && size1 < size2)
        {
            SubProof(size1, 0, size2, true, ranges);
        }
        return ranges;
    }

    // PATH(m, D[begin:end]); m is relative to begin.
    private static void Path(ulong m, ulong begin, ulong end, List<(ulong, ulong)> ranges)
    {
        var n = end - begin;
        if (n <= 1)
        {
            return;
        }
        var k = Subtrees.SplitPoint(n);
        if (m < k)
        {
            Path(m, begin, begin + k, ranges);
            ranges.Add((begin + k, end));
        }
        else
        {
            Path(m - k, begin + k, end, ranges);
            ranges.Add((begin, begin + k));
        }
    }

    // SUBPROOF(m, D[begin:end], b); m is relative to begin.
    private static void SubProof(ulong m, ulong begin, ulong end, bool startsAtOldRoot, List<(ulong, ulong)> ranges)
    {
        var n = end - begin;
        if (m == n)
        {
            if (!startsAtOldRoot)
            {
                ranges.Add((begin, end));
            }
            return;
        }
        var k = Subtrees.SplitPoint(n);
        if (m <= k)
        {
            SubProof(m, begin, begin + k, startsAtOldRoot, ranges);
            ranges.Add((begin + k, end));
        }
        else
        {
            SubProof(m - k, begin + k, end, false, ranges);
            ranges.Add((begin, begin + k));
        }
    }
}
