namespace Liaison.Cli.Tests;

/// <summary><c>liaison handover export</c>: its command line.</summary>
public sealed class HandoverExportCommandTests
{
    [Theory]
    [InlineData("Option '--out' is required.", "handover", "export", "ho-1", "--gateway", "https://127.0.0.1:9")]
    [InlineData("Required argument missing for command: 'export'.", "handover", "export", "--gateway", "https://127.0.0.1:9", "--out", "record.html")]
    public void CommandLineMistakeIsAUsageError(string expected, params string[] args)
    {
        using var workspace = new Workspace();

        workspace.Run(args).AssertUsageError(expected);
    }

    [Fact]
    public void AnUnreachableGatewayIsRefusedInOneSentence()
    {
        using var workspace = new Workspace();

        var result = workspace.Run("handover", "export", "ho-1", "--gateway", "https://127.0.0.1:9", "--out", workspace.PathOf("record.html"));

        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(workspace.PathOf("record.html")));
    }
}
