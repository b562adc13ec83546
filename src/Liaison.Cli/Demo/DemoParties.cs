using Liaison.Agreement.V1;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;
using Org.BouncyCastle.Security;

namespace Liaison.Cli.Demo;

/// <summary>
/// The two parties of the demo, with their keys and a co-signed agreement. Each
/// direction uses the suite its recipient's side prefers: Lao Cai sends to Yunnan
/// in the international suite with an ML-DSA-65 co-signature, Yunnan sends to
/// Lao Cai in the Chinese national suite, so both nodes hold keys of both suites.
/// </summary>
internal sealed record DemoParties(KeyRing LaoCai, KeyRing Yunnan, KeyRing LaoCaiAuthority, KeyRing YunnanAuthority, ExchangeAgreement Draft)
{
    public const string LaoCaiNode = "vn-laocai";
    public const string YunnanNode = "cn-yunnan";

    public static DemoParties Create(DateTimeOffset now, SecureRandom random)
    {
        IReadOnlyList<KeyAlgorithm> nodeAlgorithms = [.. KeyRing.NodeAlgorithms(Suite.InternationalV1, postQuantumSignature: true), .. KeyRing.NodeAlgorithms(Suite.GmV1, postQuantumSignature: false)];
        var laoCai = KeyRing.Generate(LaoCaiNode, nodeAlgorithms, random);
        var yunnan = KeyRing.Generate(YunnanNode, nodeAlgorithms, random);
        var laoCaiAuthority = KeyRing.Generate(LaoCaiNode, [KeyAlgorithm.Ed25519], random);
        var yunnanAuthority = KeyRing.Generate(YunnanNode, [KeyAlgorithm.Sm2Sign], random);

        var (from, until) = (now.AddDays(-1), now.AddYears(2));
        var draft = AgreementDraft.Create("laocai-yunnan-blo", from,
        [
            new PartyDraft(LaoCaiNode, new LocalizedName { Vi = "Công an tỉnh Lào Cai", Zh = "老街省公安", En = "Lao Cai Provincial Police" }, "VN",
                laoCaiAuthority.ToPublicBundle(from, until), laoCai.ToPublicBundle(from, until)),
            new PartyDraft(YunnanNode, new LocalizedName { Vi = "Công an tỉnh Vân Nam", Zh = "云南省公安厅", En = "Yunnan Provincial Public Security Department" }, "CN",
                yunnanAuthority.ToPublicBundle(from, until), yunnan.ToPublicBundle(from, until)),
        ], Suite.InternationalV1, requirePostQuantumSignature: false);
        AgreementDraft.AllowMessageTypes(AgreementDraft.AllowAttachments(draft), Liaison.Workflows.WorkflowEvents.MessageTypes);
        draft.Links.Single(l => l.SenderNode == LaoCaiNode).RequirePostQuantumSignature = true;
        draft.Links.Single(l => l.SenderNode == YunnanNode).Suite = Suite.GmV1;
        return new DemoParties(laoCai, yunnan, laoCaiAuthority, yunnanAuthority, draft);
    }

    /// <summary>Both authorities sign the frozen draft, Lao Cai first: the agreement in force.</summary>
    public AgreementInForce CoSign(SecureRandom random)
    {
        var once = AgreementSignatures.AddSignature(AgreementDraft.Freeze(Draft), LaoCaiNode, LaoCaiAuthority.Keys[0], random);
        return AgreementInForce.Load(AgreementSignatures.AddSignature(once, YunnanNode, YunnanAuthority.Keys[0], random));
    }

    public static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
