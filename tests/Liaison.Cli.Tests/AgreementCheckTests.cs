using Google.Protobuf;
using Liaison.Agreement.V1;
using static Liaison.Cli.Tests.Workspace;

namespace Liaison.Cli.Tests;

/// <summary>What the agreement commands refuse: altered agreements, bad drafts, wrong signers.</summary>
public sealed class AgreementCheckTests
{
    [Fact]
    public void TamperedAgreementFailsVerificationAndCannotBeUsed()
    {
        using var workspace = new Workspace();
        var signed = workspace.SignedAgreement("international");
        var tampered = workspace.PathOf("tampered.json");
        var agreement = JsonParser.Default.Parse<SignedAgreement>(File.ReadAllText(signed));
        var document = ExchangeAgreement.Parser.ParseFrom(agreement.Agreement);
        document.MaxMessageBytes *= 2;
        agreement.Agreement = document.ToByteString();
        File.WriteAllText(tampered, JsonFormatter.Default.Format(agreement));

        var verified = workspace.Run("agreement", "verify", tampered);
        verified.AssertRefused("is not in force");
        Assert.Contains("The signature of 'vn-laocai' does not verify", verified.Error, StringComparison.Ordinal);

        var envelope = workspace.Seal(signed, "payload"u8.ToArray());
        workspace.Inspect(envelope, tampered).AssertRefused($"The agreement '{tampered}' is not in force:");
        workspace.Sign(LaoCai, "--agreement", tampered, workspace.PathOf("resigned.json")).AssertRefused("cannot be signed because it has problems");
    }

    [Fact]
    public void DraftNamesAPartyWithoutANameByItsNodeIdAndSaysSo()
    {
        using var workspace = new Workspace();
        var draft = workspace.Draft("gm");

        Assert.Contains(workspace.History, r => r.Error.Contains("No --name for 'cn-yunnan'", StringComparison.Ordinal));
        var shown = workspace.Run("agreement", "show", draft);
        shown.AssertSuccess();
        Assert.Contains("Agreement laocai-yunnan-blo, version 1 (draft)", shown.Out, StringComparison.Ordinal);
        shown.AssertField("Name (zh)", "cn-yunnan");
        shown.AssertField("Name (zh)", "老街省公安");
        shown.AssertField("Still to sign", "vn-laocai, cn-yunnan");
    }

    [Fact]
    public void DraftWithSwappedKeyFilesIsRefused()
    {
        using var workspace = new Workspace();
        workspace.GenerateParty(LaoCai, "international");
        workspace.GenerateParty(Yunnan, "international");
        var swapped = $"{Yunnan},CN,{workspace.PathOf($"keys/{Yunnan}.pub.json")},{workspace.PathOf($"keys/{Yunnan}.authority.pub.json")}";

        var result = workspace.Run("agreement", "draft", "--id", "laocai-yunnan-blo", "--effective-from", "2026-11-01", "--suite", "international",
            "--party", workspace.PartyArgument(LaoCai, "VN"), "--party", swapped, "--out", workspace.PathOf("draft.json"));

        result.AssertRefused("The draft would not be a valid agreement:");
        Assert.Contains("Party 'cn-yunnan' needs at least one authority key, each Ed25519 or SM2.", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.PathOf("draft.json")));
    }

    [Fact]
    public void DraftRefusesPublicKeysThatBelongToAnotherParty()
    {
        using var workspace = new Workspace();
        workspace.GenerateParty(LaoCai, "international");
        workspace.GenerateParty(Yunnan, "international");
        var borrowed = $"{Yunnan},CN,{workspace.PathOf($"keys/{LaoCai}.authority.pub.json")},{workspace.PathOf($"keys/{Yunnan}.pub.json")}";

        workspace.Run("agreement", "draft", "--id", "laocai-yunnan-blo", "--effective-from", "2026-11-01", "--suite", "international",
            "--party", workspace.PartyArgument(LaoCai, "VN"), "--party", borrowed, "--out", workspace.PathOf("draft.json"))
            .AssertRefused("belong to 'vn-laocai', not to the party 'cn-yunnan'");
    }

    [Fact]
    public void HandEditedDraftWithAMisspeltFieldIsRefused()
    {
        using var workspace = new Workspace();
        var draft = workspace.Draft("international");
        File.WriteAllText(draft, File.ReadAllText(draft).Replace("\"maxMessageBytes\"", "\"maxMesageBytes\"", StringComparison.Ordinal));

        workspace.Sign(LaoCai, "--draft", draft, workspace.PathOf("signed.json")).AssertRefused($"'{draft}' is not a valid ExchangeAgreement in protobuf JSON");
    }

    [Fact]
    public void SigningWithTheAuthorityKeyOfAnotherPartyIsRefused()
    {
        using var workspace = new Workspace();
        var draft = workspace.Draft("international");

        workspace.Run("agreement", "sign", "--key", workspace.PathOf($"keys/{Yunnan}.authority.key"), "--node", LaoCai, "--draft", draft,
            "--out", workspace.PathOf("signed.json"), "--passphrase-file", workspace.PassphraseFile)
            .AssertRefused("holds none of the unrevoked authority keys the agreement lists for 'vn-laocai'");
    }

    [Fact]
    public void SigningTwiceIsRefused()
    {
        using var workspace = new Workspace();
        var signed = workspace.SignedAgreement("international");

        workspace.Sign(LaoCai, "--agreement", signed, workspace.PathOf("again.json")).AssertRefused("'vn-laocai' has already signed this agreement.");
    }

    [Fact]
    public void FileThatIsNotJsonGivesOneSentence()
    {
        using var workspace = new Workspace();
        var broken = workspace.PathOf("broken.json");
        File.WriteAllText(broken, "{ \"agreement\": ");

        workspace.Run("agreement", "show", broken).AssertRefused($"'{broken}' is not valid JSON");
        workspace.Run("agreement", "verify", workspace.PathOf("missing.json")).AssertRefused("Could not find file");
    }
}
