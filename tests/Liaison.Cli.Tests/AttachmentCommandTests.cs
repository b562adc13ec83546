namespace Liaison.Cli.Tests;

/// <summary>The attachment commands' command lines: mistakes are usage errors, before any call to a gateway.</summary>
public sealed class AttachmentCommandTests
{
    private const string Gateway = "https://127.0.0.1:9";

    [Theory]
    [InlineData("Option '--to' is required.", "attachment", "upload", "--gateway", Gateway, "photo.jpg")]
    [InlineData("'CN-YUNNAN' is not a node id", "attachment", "upload", "--gateway", Gateway, "--to", "CN-YUNNAN", "photo.jpg")]
    [InlineData("Option '--gateway' is required.", "attachment", "upload", "--to", "cn-yunnan", "photo.jpg")]
    [InlineData("'ftp://x' is not a gateway address", "attachment", "upload", "--gateway", "ftp://x", "--to", "cn-yunnan", "photo.jpg")]
    [InlineData("Required argument missing for command: 'upload'.", "attachment", "upload", "--gateway", Gateway, "--to", "cn-yunnan")]
    [InlineData("does not exist", "attachment", "upload", "--gateway", Gateway, "--to", "cn-yunnan", "no-such-file.jpg")]
    [InlineData("Option '--out' is required.", "attachment", "download", "--gateway", Gateway, "0123456789abcdef0123456789abcdef")]
    [InlineData("Required argument missing for command: 'download'.", "attachment", "download", "--gateway", Gateway, "--out", "photo.jpg")]
    [InlineData("Required command was not provided.", "attachment")]
    public void CommandLineMistakeIsAUsageError(string expected, params string[] args)
    {
        using var workspace = new Workspace();
        File.WriteAllBytes(workspace.PathOf("photo.jpg"), [0xFF, 0xD8, 0xFF, 0xD9]);

        var result = workspace.Run([.. args.Select(a => a == "photo.jpg" ? workspace.PathOf(a) : a)]);

        result.AssertUsageError(expected);
        Assert.Contains("--help' for usage.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreachableGatewayIsARefusalInOneSentence()
    {
        using var workspace = new Workspace();
        var file = workspace.PathOf("photo.jpg");
        File.WriteAllBytes(file, [0xFF, 0xD8, 0xFF, 0xD9]);

        var result = workspace.Run("attachment", "upload", "--gateway", Gateway, "--to", "cn-yunnan", file);

        result.AssertRefused("The gateway cannot be reached (UNAVAILABLE)");
    }
}
