using Liaison.Agreement.V1;
using Liaison.Audit.Checkpoints;
using Liaison.Audit.Merkle;
using Liaison.Audit.Notes;
using Liaison.Crypto;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Audit.Tests;

/// <summary>Checkpoints signed with the gateway nodes' own agreement keys, in both suites.</summary>
public sealed class NodeNoteSignerTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly Lazy<(AgreementInForce Agreement, KeyRing LaoCai, KeyRing Yunnan)> Parties = new(Create);

    [Theory]
    [InlineData("vn-laocai", Suite.InternationalV1)]
    [InlineData("cn-yunnan", Suite.GmV1)]
    public void ACheckpointSignedWithANodesKeyVerifiesWithTheAgreementAndNotOnceChanged(string node, Suite suite)
    {
        var (agreement, laoCai, yunnan) = Parties.Value;
        var keys = node == "vn-laocai" ? laoCai : yunnan;
        var checkpoint = new Checkpoint($"liaison/{node}/audit", 42, MerkleHash.FromBytes(new byte[32]));

        var signed = SignedCheckpoint.Sign(checkpoint, new NodeNoteSigner(agreement, keys, suite, Time));
        var verifier = new NodeNoteVerifier(agreement, node, suite, Time.GetUtcNow());

        Assert.Equal(NoteVerification.Verified, SignedCheckpoint.Parse(signed.ToString()).Verify(verifier));
        var changed = signed.ToString().Replace("\n42\n", "\n43\n", StringComparison.Ordinal);
        Assert.Equal(NoteVerification.BadSignature, SignedCheckpoint.Parse(changed).Verify(verifier));
    }

    [Fact]
    public void ANoteSignedByOneNodeIsNotTakenAsTheOthers()
    {
        var (agreement, laoCai, _) = Parties.Value;
        var signed = SignedCheckpoint.Sign(new Checkpoint("liaison/vn-laocai/audit", 1, MerkleHash.FromBytes(new byte[32])), new NodeNoteSigner(agreement, laoCai, Suite.InternationalV1, Time));

        Assert.Equal(NoteVerification.NotSigned, signed.Verify(new NodeNoteVerifier(agreement, "cn-yunnan", Suite.GmV1, Time.GetUtcNow())));
    }

    [Fact]
    public void ANodeTheAgreementDoesNotListHasNoVerifier()
    {
        var (agreement, _, _) = Parties.Value;

        Assert.Throws<InvalidOperationException>(() => new NodeNoteVerifier(agreement, "th-chiangrai", Suite.InternationalV1, Time.GetUtcNow()));
    }

    private static (AgreementInForce, KeyRing, KeyRing) Create()
    {
        var random = DeterministicRandom.Create("liaison-audit-node-note-signer"u8);
        // Each node holds the keys of both suites: each link is sealed in its sender's suite.
        KeyAlgorithm[] both = [.. KeyRing.NodeAlgorithms(Suite.InternationalV1, false), .. KeyRing.NodeAlgorithms(Suite.GmV1, false)];
        var laoCai = KeyRing.Generate("vn-laocai", both, random);
        var yunnan = KeyRing.Generate("cn-yunnan", both, random);
        var authorities = new[] { KeyRing.Generate("vn-laocai", [KeyAlgorithm.Ed25519], random), KeyRing.Generate("cn-yunnan", [KeyAlgorithm.Sm2Sign], random) };
        var (from, until) = (Time.GetUtcNow().AddDays(-1), Time.GetUtcNow().AddYears(1));
        var draft = AgreementDraft.Create("laocai-yunnan-audit-tests", from,
        [
            new PartyDraft("vn-laocai", new LocalizedName { Vi = "Công an tỉnh Lào Cai", Zh = "老街省公安", En = "Lao Cai Provincial Police" }, "VN",
                authorities[0].ToPublicBundle(from, until), laoCai.ToPublicBundle(from, until)),
            new PartyDraft("cn-yunnan", new LocalizedName { Vi = "Công an tỉnh Vân Nam", Zh = "云南省公安厅", En = "Yunnan Provincial Public Security Department" }, "CN",
                authorities[1].ToPublicBundle(from, until), yunnan.ToPublicBundle(from, until)),
        ], Suite.InternationalV1, requirePostQuantumSignature: false);
        draft.Links.Single(l => l.SenderNode == "cn-yunnan").Suite = Suite.GmV1;
        var signed = AgreementDraft.Freeze(draft);
        foreach (var authority in authorities)
        {
            signed = AgreementSignatures.AddSignature(signed, authority.Owner, authority.Keys[0], random);
        }

        return (AgreementInForce.Load(signed), laoCai, yunnan);
    }
}
