using System.Text;
using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Tests;

/// <summary>
/// The audit chain's encoding, pinned: an auditor's independent verifier must get
/// these exact bytes and hashes, so a change here is a format change.
/// </summary>
public sealed class AuditHashingTests
{
    private static readonly AuditRow First = new(1, 1_793_577_600_000, "Received", new Guid("01a1998e-4400-7792-bc54-ff60012af077"), "vn-laocai", "", "sequence 1", []);

    [Fact]
    public void TheCanonicalEncodingIsLabelledFixedSizeAndLengthPrefixed()
    {
        var expected = Convert.FromHexString(
            Convert.ToHexString(Encoding.ASCII.GetBytes("liaison-audit-v1\0"))
            + "0000000000000001" + "000001A1998E4400"
            + "00000008" + Convert.ToHexString(Encoding.ASCII.GetBytes("Received"))
            + "01" + "01A1998E44007792BC54FF60012AF077"
            + "00000009" + Convert.ToHexString(Encoding.ASCII.GetBytes("vn-laocai"))
            + "00000000"
            + "0000000A" + Convert.ToHexString(Encoding.ASCII.GetBytes("sequence 1")));

        Assert.Equal(expected, AuditHashing.Canonical(First));
    }

    [Fact]
    public void EachHashCoversThePreviousOne()
    {
        var firstHash = AuditHashing.Hash(AuditHashing.Genesis.Span, First);
        var second = First with { Seq = 2, EventType = "Verified", Detail = "every check passed" };

        Assert.Equal(System.Security.Cryptography.SHA256.HashData([.. new byte[32], .. AuditHashing.Canonical(First)]), firstHash);
        Assert.NotEqual(AuditHashing.Hash(AuditHashing.Genesis.Span, second), AuditHashing.Hash(firstHash, second));
    }

    [Fact]
    public void AnEntryWithoutAnEnvelopeIdEncodesItsAbsence()
    {
        var canonical = AuditHashing.Canonical(First with { EnvelopeId = null });

        Assert.Equal(0, canonical[Encoding.ASCII.GetByteCount("liaison-audit-v1\0") + 16 + 4 + 8]);
        Assert.Equal(AuditHashing.Canonical(First).Length - 16, canonical.Length);
    }
}
