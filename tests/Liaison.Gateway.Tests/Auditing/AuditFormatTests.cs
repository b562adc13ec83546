using Liaison.Audit.Merkle;
using Liaison.Gateway.Auditing;
using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Tests.Auditing;

/// <summary>
/// Format 2 of the audit entries (with actor and subject) and the subjects' keyed hashes, pinned
/// by vectors computed outside this code base (Python's hashlib and hmac over the bytes that
/// deploy/audit-log.md defines): a change here is a format change.
/// </summary>
public sealed class AuditFormatTests
{
    private static readonly AuditRow Read = new(
        7, 1_793_577_600_000, "Read", new Guid("01a1998e-4400-7792-bc54-ff60012af077"), "", "", "message content read", [],
        "vn-laocai/officer-0042", "case:AAECAwQFBgcICQoLDA0ODw", AuditHashing.V2);

    private static readonly AuditRow FormatOne = new(1, 1_793_577_600_000, "Received", new Guid("01a1998e-4400-7792-bc54-ff60012af077"), "vn-laocai", "", "sequence 1", []);

    private static readonly AuditPseudonyms Pseudonyms = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void FormatTwoEncodesActorAndSubjectAfterThePeerNode()
    {
        const string expected =
            "6C696169736F6E2D61756469742D763200" // "liaison-audit-v2" 0x00
            + "0000000000000007" + "000001A1998E4400" // seq, recorded_at
            + "00000004" + "52656164" // "Read"
            + "01" + "01A1998E44007792BC54FF60012AF077" // envelope id
            + "00000000" // peer node ""
            + "00000016" + "766E2D6C616F6361692F6F6666696365722D30303432" // actor
            + "0000001B" + "636173653A41414543417751464267634943516F4C4441304F4477" // subject
            + "00000000" // reason code ""
            + "00000014" + "6D65737361676520636F6E74656E742072656164"; // detail

        Assert.Equal(expected, Convert.ToHexString(AuditHashing.Canonical(Read)));
        Assert.Equal("13d3919147e17dcb6ca4af377cf623ab59e57394465143a3d4fd25610c35ddb2", Rfc6962.HashLeaf(AuditHashing.Canonical(Read)).ToHex());
    }

    [Fact]
    public void FormatOneEntriesHashExactlyAsBefore()
    {
        Assert.Equal("33fa8a6c2ee36d26fc3d795a5ed1b67c32eb806345c55ac660d25283374d89bd", Rfc6962.HashLeaf(AuditHashing.Canonical(FormatOne)).ToHex());
    }

    [Fact]
    public void TheFormatNumberIsPartOfTheBytes()
    {
        var asTwo = FormatOne with { FormatVersion = AuditHashing.V2 };

        Assert.NotEqual(AuditHashing.Canonical(FormatOne), AuditHashing.Canonical(asTwo));
        Assert.Throws<InvalidDataException>(() => AuditHashing.Canonical(FormatOne with { Actor = "vn-laocai/officer-0042" }));
        Assert.Throws<InvalidDataException>(() => AuditHashing.Canonical(FormatOne with { FormatVersion = 3 }));
    }

    [Fact]
    public void EveryFieldOfFormatTwoChangesTheLeaf()
    {
        var leaf = AuditHashing.Canonical(Read);
        AuditRow[] variants =
        [
            Read with { Actor = "vn-laocai/officer-0043" },
            Read with { Subject = "" },
            Read with { PeerNode = "cn-yunnan" },
            // The same text moved from the actor to the peer node must not encode alike.
            Read with { Actor = "", PeerNode = "vn-laocai/officer-0042" },
        ];

        Assert.All(variants, v => Assert.NotEqual(leaf, AuditHashing.Canonical(v)));
    }

    [Fact]
    public void ACaseSubjectIsAKeyedHashOfItsReference()
    {
        Assert.Equal("case:YFqPQ86DyOeP_aHYiFbYmQ", Pseudonyms.ForCase("LC-2026-0042"));
        Assert.Equal("7f728f1749b63ee7", Pseudonyms.KeyId);
        Assert.Equal("", Pseudonyms.ForCase(""));
        Assert.NotEqual(Pseudonyms.ForCase("LC-2026-0042"), Pseudonyms.ForCase("LC-2026-0043"));
        // The kind is hashed too: a person id equal to a case reference gets another tag.
        Assert.NotEqual(Pseudonyms.ForCase("LC-2026-0042")[5..], Pseudonyms.ForPerson("LC-2026-0042")[7..]);
        Assert.NotEqual(Pseudonyms.ForCase("LC-2026-0042"), new AuditPseudonyms(new byte[32]).ForCase("LC-2026-0042"));
        Assert.True(AuditPseudonyms.IsSubject(Pseudonyms.ForCase("LC-2026-0042")));
        Assert.False(AuditPseudonyms.IsSubject("case:LC-2026-0042"));
        Assert.False(AuditPseudonyms.IsSubject("note:YFqPQ86DyOeP_aHYiFbYmQ"));
    }

    [Fact]
    public void TheNodesPseudonymKeyIsDerivedFromItsOwnKeyAndDiffersPerNode()
    {
        var parties = new TestParties();

        var laoCai = AuditPseudonyms.FromNodeKeys(parties.LaoCaiKeys);
        var again = AuditPseudonyms.FromNodeKeys(parties.LaoCaiKeys);
        var yunnan = AuditPseudonyms.FromNodeKeys(Crypto.Keys.KeyRing.Generate(TestParties.Yunnan, Crypto.Keys.KeyRing.NodeAlgorithms(Crypto.V1.Suite.GmV1, false), new Org.BouncyCastle.Security.SecureRandom()));

        Assert.Equal(laoCai.ForCase("LC-2026-0042"), again.ForCase("LC-2026-0042"));
        Assert.NotEqual(laoCai.ForCase("LC-2026-0042"), yunnan.ForCase("LC-2026-0042"));
        Assert.Throws<ArgumentException>(() => new AuditPseudonyms(new byte[31]));
    }
}
