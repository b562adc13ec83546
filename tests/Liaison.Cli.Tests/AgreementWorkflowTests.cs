using System.Text.RegularExpressions;
using static Liaison.Cli.Tests.Workspace;

namespace Liaison.Cli.Tests;

/// <summary>The whole life of an exchange, command by command, as two liaison offices would run it.</summary>
public sealed partial class AgreementWorkflowTests
{
    [Fact]
    public void InternationalAgreementIsDraftedCoSignedVerifiedShownAndCarriesAnEnvelope()
    {
        using var workspace = new Workspace();
        var draft = workspace.Draft("international");
        var (once, twice) = (workspace.PathOf("signed-once.json"), workspace.PathOf("signed.json"));

        var first = workspace.Sign(LaoCai, "--draft", draft, once);
        first.AssertSuccess();
        Assert.Contains("Still to sign: cn-yunnan.", first.Out, StringComparison.Ordinal);

        var halfSigned = workspace.Run("agreement", "verify", once);
        halfSigned.AssertRefused("is not in force");
        Assert.Contains("The signature of 'cn-yunnan' is missing.", halfSigned.Error, StringComparison.Ordinal);

        var second = workspace.Sign(Yunnan, "--agreement", once, twice);
        second.AssertSuccess();
        Assert.Contains("the agreement is in force", second.Out, StringComparison.Ordinal);

        var verified = workspace.Run("agreement", "verify", twice);
        verified.AssertSuccess();
        verified.AssertField("Signed by", "vn-laocai, cn-yunnan");
        Assert.Contains("The agreement is in force.", verified.Out, StringComparison.Ordinal);

        // The second party signs the very bytes the first one signed, never a re-serialisation.
        Assert.Equal(DigestIn(first.Out), DigestIn(second.Out));
        Assert.Equal(DigestIn(first.Out), DigestIn(verified.Out));

        var shown = workspace.Run("agreement", "show", twice);
        shown.AssertSuccess();
        Assert.Contains("Agreement laocai-yunnan-blo, version 1", shown.Out, StringComparison.Ordinal);
        Assert.Contains("老街省公安", shown.Out, StringComparison.Ordinal);
        Assert.Contains("vn-laocai (VN)", shown.Out, StringComparison.Ordinal);
        Assert.Contains("vn-laocai -> cn-yunnan: SUITE_INTERNATIONAL_V1, no co-signature required", shown.Out, StringComparison.Ordinal);
        Assert.Contains("KEY_ALGORITHM_X25519_ML_KEM_768", shown.Out, StringComparison.Ordinal);
        shown.AssertField("Max envelope lifetime", "7 days");
        Assert.Contains("cn-yunnan: KEY_ALGORITHM_ED25519 key", shown.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("DOES NOT VERIFY", shown.Out, StringComparison.Ordinal);

        var payload = "Xin chào, 你好 LC-2026-0042"u8.ToArray();
        var envelope = workspace.Seal(twice, payload);

        var checkedByAnyone = workspace.Inspect(envelope, twice);
        checkedByAnyone.AssertSuccess();
        Assert.Matches(EnvelopeIdLine(), checkedByAnyone.Out);
        checkedByAnyone.AssertField("Case reference", "LC-2026-0042");
        Assert.Contains("Accepted: The envelope is authentic; it was not decrypted.", checkedByAnyone.Out, StringComparison.Ordinal);

        var opened = workspace.Inspect(envelope, twice, "--key", workspace.PathOf($"keys/{Yunnan}.key"), "--passphrase-file", workspace.PassphraseFile);
        opened.AssertSuccess();
        Assert.Contains($"Payload ({payload.Length} bytes, UTF-8 text):", opened.Out, StringComparison.Ordinal);
        Assert.Contains("Xin chào, 你好 LC-2026-0042", opened.Out, StringComparison.Ordinal);

        var bytes = File.ReadAllBytes(envelope);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(envelope, bytes);
        workspace.Inspect(envelope, twice).AssertRefused("The envelope is rejected: REJECTION_REASON_BAD_SIGNATURE.");
    }

    [Fact]
    public void GmAgreementWithPostQuantumCoSignaturesCarriesAnEnvelope()
    {
        using var workspace = new Workspace();
        var signed = workspace.SignedAgreement("gm", postQuantum: true);
        workspace.Run("agreement", "verify", signed).AssertSuccess();

        var shown = workspace.Run("agreement", "show", signed);
        shown.AssertSuccess();
        Assert.Contains("vn-laocai -> cn-yunnan: SUITE_GM_V1, ML-DSA-65 co-signature required", shown.Out, StringComparison.Ordinal);
        Assert.Contains("KEY_ALGORITHM_SM2_ENCRYPT", shown.Out, StringComparison.Ordinal);

        var envelope = workspace.Seal(signed, "GM payload"u8.ToArray());
        var opened = workspace.Inspect(envelope, signed, "--key", workspace.PathOf($"keys/{Yunnan}.key"), "--passphrase-file", workspace.PassphraseFile);
        opened.AssertSuccess();
        opened.AssertField("Suite", "SUITE_GM_V1");
        Assert.Contains("KEY_ALGORITHM_SM2_SIGN, KEY_ALGORITHM_ML_DSA_65", opened.Out, StringComparison.Ordinal);
        Assert.Contains("GM payload", opened.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void NextVersionIsDraftedSignedAndMayReplaceThePreviousOne()
    {
        using var workspace = new Workspace();
        var current = workspace.SignedAgreement("international");
        var (draft, once, twice) = (workspace.PathOf("v2-draft.json"), workspace.PathOf("v2-once.json"), workspace.PathOf("v2.json"));

        workspace.Run("agreement", "draft", "--next", current, "--effective-from", "2027-01-01", "--out", draft).AssertSuccess();
        workspace.Sign(LaoCai, "--draft", draft, once).AssertSuccess();
        workspace.Sign(Yunnan, "--agreement", once, twice).AssertSuccess();

        var replacement = workspace.Run("agreement", "verify", twice, "--previous", current);
        replacement.AssertSuccess();
        Assert.Contains("may replace version 1", replacement.Out, StringComparison.Ordinal);

        var notAReplacement = workspace.Run("agreement", "verify", current, "--previous", current);
        notAReplacement.AssertRefused("not in force as a replacement");
        Assert.Contains("Version 1 can only be replaced by version 2, not 1.", notAReplacement.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AuthorityKeyIsRotatedByAVersionSignedWithTheOldKey()
    {
        using var workspace = new Workspace();
        var current = workspace.SignedAgreement("international");
        workspace.Run("keys", "generate", "--owner", Yunnan, "--suite", "international", "--authority", "--out", workspace.PathOf("new-keys"),
            "--scrypt-log-n", "14", "--passphrase-file", workspace.PassphraseFile).AssertSuccess();
        var draft = workspace.PathOf("v2-draft.json");
        workspace.Run("agreement", "draft", "--next", current, "--out", draft).AssertSuccess();

        // Yunnan's party lists only its new authority key in version 2.
        var document = Google.Protobuf.JsonParser.Default.Parse<Liaison.Agreement.V1.ExchangeAgreement>(File.ReadAllText(draft));
        var newKeys = Google.Protobuf.JsonParser.Default.Parse<Liaison.Crypto.V1.PublicKeyBundle>(File.ReadAllText(workspace.PathOf($"new-keys/{Yunnan}.authority.pub.json")));
        var yunnan = document.Parties.Single(p => p.NodeId == Yunnan);
        yunnan.AuthorityKeys.Clear();
        yunnan.AuthorityKeys.AddRange(newKeys.Keys);
        File.WriteAllText(draft, Google.Protobuf.JsonFormatter.Default.Format(document));

        var (once, twice, hijacked) = (workspace.PathOf("v2-once.json"), workspace.PathOf("v2.json"), workspace.PathOf("v2-hijacked.json"));
        workspace.Run("agreement", "sign", "--key", workspace.PathOf($"keys/{LaoCai}.authority.key"), "--node", LaoCai, "--draft", draft,
            "--previous", current, "--out", once, "--passphrase-file", workspace.PassphraseFile).AssertSuccess();

        // The new key alone cannot introduce itself.
        workspace.Run("agreement", "sign", "--key", workspace.PathOf($"new-keys/{Yunnan}.authority.key"), "--node", Yunnan, "--agreement", once,
            "--previous", current, "--out", hijacked, "--passphrase-file", workspace.PassphraseFile).AssertRefused("holds none of the unrevoked authority keys");

        workspace.Run("agreement", "sign", "--key", workspace.PathOf($"keys/{Yunnan}.authority.key"), "--node", Yunnan, "--agreement", once,
            "--previous", current, "--out", twice, "--passphrase-file", workspace.PassphraseFile).AssertSuccess();
        workspace.Run("agreement", "verify", twice, "--previous", current).AssertSuccess();
    }

    [Fact]
    public void EachDirectionCanUseItsOwnSuite()
    {
        using var workspace = new Workspace();
        foreach (var node in new[] { LaoCai, Yunnan })
        {
            workspace.Run("keys", "generate", "--owner", node, "--suite", "international", "--suite", "gm", "--out", workspace.PathOf("keys"),
                "--scrypt-log-n", "14", "--passphrase-file", workspace.PassphraseFile).AssertSuccess();
            workspace.Run("keys", "generate", "--owner", node, "--suite", node == Yunnan ? "gm" : "international", "--authority", "--out", workspace.PathOf("keys"),
                "--scrypt-log-n", "14", "--passphrase-file", workspace.PassphraseFile).AssertSuccess();
        }

        var draft = workspace.PathOf("draft.json");
        workspace.Run("agreement", "draft", "--id", "laocai-yunnan-blo", "--effective-from", "2026-11-01T00:00:00Z", "--suite", "international",
            "--link-suite", $"{Yunnan}:{LaoCai}=gm", "--party", workspace.PartyArgument(LaoCai, "VN"), "--party", workspace.PartyArgument(Yunnan, "CN"),
            "--out", draft).AssertSuccess();
        var (once, twice) = (workspace.PathOf("once.json"), workspace.PathOf("signed.json"));
        workspace.Sign(LaoCai, "--draft", draft, once).AssertSuccess();
        workspace.Sign(Yunnan, "--agreement", once, twice).AssertSuccess();

        var shown = workspace.Run("agreement", "show", twice);
        shown.AssertSuccess();
        Assert.Contains($"{LaoCai} -> {Yunnan}: SUITE_INTERNATIONAL_V1", shown.Out, StringComparison.Ordinal);
        Assert.Contains($"{Yunnan} -> {LaoCai}: SUITE_GM_V1", shown.Out, StringComparison.Ordinal);

        var envelope = workspace.Seal(twice, "payload"u8.ToArray());
        workspace.Inspect(envelope, twice).AssertSuccess();
    }

    [Fact]
    public void LinkSuiteForAPairThatIsNotALinkIsRefused()
    {
        using var workspace = new Workspace();
        workspace.GenerateParty(LaoCai, "international");
        workspace.GenerateParty(Yunnan, "international");
        workspace.Run("agreement", "draft", "--id", "laocai-yunnan-blo", "--effective-from", "2026-11-01", "--suite", "international",
            "--link-suite", $"{Yunnan}:vn-hanoi=gm", "--party", workspace.PartyArgument(LaoCai, "VN"), "--party", workspace.PartyArgument(Yunnan, "CN"),
            "--out", workspace.PathOf("draft.json")).AssertRefused("not a link between two --party nodes");
    }

    [Fact]
    public void NoPassphraseOrPrivateKeyIsEverPrinted()
    {
        using var workspace = new Workspace();
        var signed = workspace.SignedAgreement("international");
        var envelope = workspace.Seal(signed, "payload"u8.ToArray());
        workspace.Inspect(envelope, signed, "--key", workspace.PathOf($"keys/{Yunnan}.key"), "--passphrase-file", workspace.PassphraseFile).AssertSuccess();

        var privateKeys = Directory.GetFiles(workspace.PathOf("keys"), "*.key")
            .SelectMany(path => Liaison.Crypto.Keys.KeyFile.Read(path, Passphrase).ToBundle().Keys)
            .SelectMany(key => new[] { Convert.ToHexStringLower(key.PrivateKey_.Span), Convert.ToBase64String(key.PrivateKey_.Span) })
            .ToList();
        var printed = string.Concat(workspace.History.Select(r => r.Out + r.Error));
        Assert.DoesNotContain(Passphrase, printed, StringComparison.Ordinal);
        Assert.All(privateKeys, secret => Assert.DoesNotContain(secret, printed, StringComparison.OrdinalIgnoreCase));
    }

    private static string DigestIn(string output) => DigestLine().Match(output).Groups[1].Value;

    [GeneratedRegex(@"Digest \(SHA-256\): +([0-9a-f]{64})")]
    private static partial Regex DigestLine();

    [GeneratedRegex(@"Envelope id: +[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")]
    private static partial Regex EnvelopeIdLine();
}
