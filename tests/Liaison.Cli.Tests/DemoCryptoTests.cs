namespace Liaison.Cli.Tests;

/// <summary><c>liaison demo crypto</c>: the envelope format's walk-through, without gateways.</summary>
public sealed class DemoCryptoTests
{
    [Fact]
    public void DemoExchangesBothWaysRefusesAttacksAndLeavesInspectableFiles()
    {
        using var workspace = new Workspace();
        var result = workspace.Run("demo", "crypto", "--dir", workspace.PathOf("demo"));

        result.AssertSuccess();
        Assert.Equal(2, CountOf(result.Out, "intact: True"));
        Assert.Equal(2, CountOf(result.Out, "the message is delivered"));
        Assert.Contains("REJECTION_REASON_WRONG_RECIPIENT", result.Out, StringComparison.Ordinal);
        Assert.Contains("REJECTION_REASON_EXPIRED", result.Out, StringComparison.Ordinal);
        Assert.Contains("REJECTION_REASON_MALFORMED", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("ACCEPTED (unexpected)", result.Out, StringComparison.Ordinal);
        Assert.Contains("200 accepted), 1 key exchange(s)", result.Out, StringComparison.Ordinal);

        var inspected = workspace.Inspect(workspace.PathOf("demo/request.envelope"), workspace.PathOf("demo/agreement.json"));
        inspected.AssertSuccess();
        inspected.AssertField("Case reference", "LC-2026-0042");
    }

    private static int CountOf(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
