using Liaison.Agreement.V1;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;
using Org.BouncyCastle.Security;

namespace Liaison.Gateway.Tests.Messaging;

/// <summary>Lao Cai's and Yunnan's keys under a co-signed agreement in one suite, effective since yesterday (real clock), built once per suite.</summary>
public sealed record ExchangeAgreement(AgreementInForce Agreement, KeyRing LaoCai, KeyRing Yunnan)
{
    private static readonly Lazy<ExchangeAgreement> International = new(() => Build(Suite.InternationalV1));
    private static readonly Lazy<ExchangeAgreement> Gm = new(() => Build(Suite.GmV1));

    public static ExchangeAgreement For(Suite suite) => suite == Suite.GmV1 ? Gm.Value : International.Value;

    private static ExchangeAgreement Build(Suite suite)
    {
        var random = new SecureRandom();
        var laoCai = KeyRing.Generate(TestParties.LaoCai, KeyRing.NodeAlgorithms(suite, false), random);
        var yunnan = KeyRing.Generate(TestParties.Yunnan, KeyRing.NodeAlgorithms(suite, false), random);
        var authorities = new[] { TestParties.LaoCai, TestParties.Yunnan }.Select(node => KeyRing.Generate(node, [KeyAlgorithm.Ed25519], random)).ToArray();
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var (from, until) = (now.AddDays(-1), now.AddYears(1));
        var draft = AgreementDraft.Create("laocai-yunnan-messaging-tests", from,
        [
            new PartyDraft(TestParties.LaoCai, new LocalizedName { Vi = "Công an tỉnh Lào Cai", Zh = "老街省公安", En = "Lao Cai Provincial Police" }, "VN",
                authorities[0].ToPublicBundle(from, until), laoCai.ToPublicBundle(from, until)),
            new PartyDraft(TestParties.Yunnan, new LocalizedName { Vi = "Công an tỉnh Vân Nam", Zh = "云南省公安厅", En = "Yunnan Provincial Public Security Department" }, "CN",
                authorities[1].ToPublicBundle(from, until), yunnan.ToPublicBundle(from, until)),
        ], suite, requirePostQuantumSignature: false);
        AgreementDraft.AllowMessageTypes(draft, Liaison.Workflows.WorkflowEvents.Steps.Select(Liaison.Workflows.WorkflowEvents.MessageType));
        var signed = AgreementDraft.Freeze(draft);
        foreach (var authority in authorities)
        {
            signed = AgreementSignatures.AddSignature(signed, authority.Owner, authority.Keys[0], random);
        }

        return new ExchangeAgreement(AgreementInForce.Load(signed), laoCai, yunnan);
    }
}
