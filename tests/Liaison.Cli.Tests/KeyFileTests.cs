using Google.Protobuf;
using Liaison.Crypto.V1;
using static Liaison.Cli.Tests.Workspace;

namespace Liaison.Cli.Tests;

public sealed class KeyFileTests
{
    [Fact]
    public void GeneratedKeyFileIsPrivateAndPublicKeysReparse()
    {
        using var workspace = new Workspace();
        var result = workspace.Run("keys", "generate", "--owner", LaoCai, "--suite", "international", "--post-quantum", "--out", workspace.PathOf("keys"),
            "--valid-from", "2026-11-01", "--valid-days", "30", "--scrypt-log-n", "14", "--passphrase-file", workspace.PassphraseFile);
        result.AssertSuccess();

        var keyFile = workspace.PathOf($"keys/{LaoCai}.key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        var bundle = JsonParser.Default.Parse<PublicKeyBundle>(File.ReadAllText(workspace.PathOf($"keys/{LaoCai}.pub.json")));
        Assert.Equal(LaoCai, bundle.Owner);
        Assert.Equal([KeyAlgorithm.Ed25519, KeyAlgorithm.X25519MlKem768, KeyAlgorithm.MlDsa65], bundle.Keys.Select(k => k.Algorithm));
        Assert.All(bundle.Keys, k => Assert.Contains(Convert.ToHexStringLower(k.KeyId.Span), result.Out, StringComparison.Ordinal));
        Assert.All(bundle.Keys, k => Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), k.NotAfter.ToDateTimeOffset()));
        Assert.Equal(LaoCai, Liaison.Crypto.Keys.KeyFile.Read(keyFile, Passphrase).Owner);
    }

    [Fact]
    public void GmAuthorityKeyIsASingleSm2SigningKey()
    {
        using var workspace = new Workspace();
        workspace.Run("keys", "generate", "--owner", Yunnan, "--suite", "gm", "--authority", "--out", workspace.PathOf("keys"),
            "--scrypt-log-n", "14", "--passphrase-file", workspace.PassphraseFile).AssertSuccess();

        var bundle = JsonParser.Default.Parse<PublicKeyBundle>(File.ReadAllText(workspace.PathOf($"keys/{Yunnan}.authority.pub.json")));
        Assert.Equal(KeyAlgorithm.Sm2Sign, Assert.Single(bundle.Keys).Algorithm);
        Assert.True(File.Exists(workspace.PathOf($"keys/{Yunnan}.authority.key")));
    }

    [Fact]
    public void KeysAreNeverOverwritten()
    {
        using var workspace = new Workspace();
        workspace.GenerateParty(LaoCai, "international");
        var before = File.ReadAllText(workspace.PathOf($"keys/{LaoCai}.key"));

        workspace.Run("keys", "generate", "--owner", LaoCai, "--suite", "international", "--out", workspace.PathOf("keys"),
            "--scrypt-log-n", "14", "--passphrase-file", workspace.PassphraseFile).AssertRefused("already exists; keys are never overwritten");
        Assert.Equal(before, File.ReadAllText(workspace.PathOf($"keys/{LaoCai}.key")));
    }

    [Fact]
    public void MissingPassphraseIsRefusedBeforeAnyKeyIsWritten()
    {
        using var workspace = new Workspace();
        var result = workspace.Run("keys", "generate", "--owner", LaoCai, "--suite", "international", "--out", workspace.PathOf("keys"), "--scrypt-log-n", "14");

        result.AssertRefused($"No passphrase was given: pass --passphrase-file <path> or set the environment variable {EnvironmentVariable}.");
        Assert.False(Directory.Exists(workspace.PathOf("keys")));
    }

    [Fact]
    public void EmptyPassphraseFileIsRefused()
    {
        using var workspace = new Workspace();
        var empty = workspace.WriteSecretFile("empty.txt", "\n");
        workspace.Run("keys", "generate", "--owner", LaoCai, "--suite", "gm", "--out", workspace.PathOf("keys"), "--scrypt-log-n", "14", "--passphrase-file", empty)
            .AssertRefused("is empty");
    }

    [Fact]
    public void PassphraseMayComeFromTheEnvironment()
    {
        using var workspace = new Workspace();
        workspace.Environment[EnvironmentVariable] = Passphrase;
        workspace.Run("keys", "generate", "--owner", LaoCai, "--suite", "gm", "--authority", "--out", workspace.PathOf("keys"), "--scrypt-log-n", "14").AssertSuccess();

        Assert.Equal(LaoCai, Liaison.Crypto.Keys.KeyFile.Read(workspace.PathOf($"keys/{LaoCai}.authority.key"), Passphrase).Owner);
    }

    [Fact]
    public void WrongPassphraseIsRefusedWithAClearSentence()
    {
        using var workspace = new Workspace();
        var draft = workspace.Draft("international");
        var wrong = workspace.WriteSecretFile("wrong.txt", "not the passphrase");

        var result = workspace.Run("agreement", "sign", "--key", workspace.PathOf($"keys/{LaoCai}.authority.key"), "--node", LaoCai,
            "--draft", draft, "--out", workspace.PathOf("signed.json"), "--passphrase-file", wrong);

        result.AssertRefused("The passphrase does not open the private-key file");
        Assert.False(File.Exists(workspace.PathOf("signed.json")));
    }

    [Fact]
    public void KeyFileReadableByOthersIsRefusedWithAdviceToChmod600()
    {
        using var workspace = new Workspace();
        var draft = workspace.Draft("international");
        var keyFile = workspace.PathOf($"keys/{LaoCai}.authority.key");
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = workspace.Sign(LaoCai, "--draft", draft, workspace.PathOf("signed.json"));

        result.AssertRefused($"run 'chmod 600 {keyFile}'");
    }
}
