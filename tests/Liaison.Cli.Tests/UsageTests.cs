namespace Liaison.Cli.Tests;

/// <summary>Mistakes on the command line are usage errors: exit 2, a sentence, a pointer to --help.</summary>
public sealed class UsageTests
{
    [Theory]
    [InlineData("Required command was not provided.")]
    [InlineData("'rsa' is not a suite", "keys", "generate", "--owner", "vn-laocai", "--suite", "rsa", "--out", "k")]
    [InlineData("'VN-LAOCAI' is not a node id", "keys", "generate", "--owner", "VN-LAOCAI", "--suite", "gm", "--out", "k")]
    [InlineData("'01/11/2026' is not an ISO 8601 time", "keys", "generate", "--owner", "vn-laocai", "--suite", "gm", "--out", "k", "--valid-from", "01/11/2026")]
    [InlineData("--scrypt-log-n must be between 14 and 20, not 10.", "keys", "generate", "--owner", "vn-laocai", "--suite", "gm", "--out", "k", "--scrypt-log-n", "10")]
    [InlineData("--post-quantum applies to node keys", "keys", "generate", "--owner", "vn-laocai", "--suite", "gm", "--out", "k", "--authority", "--post-quantum")]
    [InlineData("Give exactly one of --draft and --agreement.", "agreement", "sign", "--key", "a.key", "--node", "vn-laocai", "--out", "s.json")]
    [InlineData("--party cannot be combined with --next", "agreement", "draft", "--next", "s.json", "--party", "a,VN,b,c", "--out", "d.json")]
    [InlineData("Option '--effective-from' is required (unless --next is given).", "agreement", "draft", "--id", "x", "--suite", "gm", "--party", "a,VN,b,c", "--party", "d,CN,e,f", "--out", "d.json")]
    [InlineData("An agreement needs at least two --party options.", "agreement", "draft", "--id", "x", "--effective-from", "2026-11-01", "--suite", "gm", "--party", "a,VN,b,c", "--out", "d.json")]
    [InlineData("needs four comma-separated parts", "agreement", "draft", "--id", "x", "--effective-from", "2026-11-01", "--suite", "gm", "--party", "a,VN,b", "--party", "d,CN,e,f", "--out", "d.json")]
    [InlineData("must look like node-id=vi|zh|en", "agreement", "draft", "--id", "x", "--effective-from", "2026-11-01", "--suite", "gm", "--party", "a,VN,b,c", "--party", "d,CN,e,f", "--name", "a=only one", "--out", "d.json")]
    [InlineData("Option '--agreement' is required.", "envelope", "inspect", "e.bin")]
    [InlineData("Give both --broker and --broker-b", "demo", "--broker", "amqp://127.0.0.1:5672/liaison")]
    [InlineData("--broker must be an AMQP URI", "demo", "--broker", "http://x", "--broker-b", "amqp://127.0.0.1:5673/liaison")]
    [InlineData("'ftp://x' is not a gateway address", "message", "list", "--gateway", "ftp://x")]
    public void CommandLineMistakeIsAUsageError(string expected, params string[] args)
    {
        using var workspace = new Workspace();

        var result = workspace.Run(args);

        result.AssertUsageError(expected);
        Assert.Contains("--help' for usage.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpListsTheCommands()
    {
        using var workspace = new Workspace();

        var result = workspace.Run("agreement", "--help");

        result.AssertSuccess();
        Assert.Contains("draft", result.Out, StringComparison.Ordinal);
        Assert.Contains("verify", result.Out, StringComparison.Ordinal);
    }
}
