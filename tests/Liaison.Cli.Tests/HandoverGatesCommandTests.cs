using System.Text.RegularExpressions;
using Liaison.Testing;

namespace Liaison.Cli.Tests;

/// <summary><c>liaison handover gates</c>: against the demo's gateway (in this process, over TLS), and its command line.</summary>
public sealed partial class HandoverGatesCommandTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public void AnUnreachableGatewayIsRefusedInOneSentence()
    {
        using var workspace = new Workspace();

        var result = workspace.Run("handover", "gates", "--gateway", "https://127.0.0.1:9");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDemoGatewaysGatesAreListedByCodeWithTheirNamesInTheChosenLanguageAndTheOtherSides()
    {
        using var workspace = new Workspace();
        using var stop = new CancellationTokenSource();
        using var stdout = new StringWriter();
        var output = TextWriter.Synchronized(stdout);
        var demo = Task.Run(() => Program.Run(["demo", "--data-dir", workspace.PathOf("demo")], new CliContext(output, TextWriter.Null, _ => null, stop.Token)));
        try
        {
            await Polling.UntilAsync(() => demo.IsCompleted || Text(output, stdout).Contains("keep serving until Ctrl-C", StringComparison.Ordinal), Deadline, "the demo to serve");
            var command = ListCommand().Match(Text(output, stdout));
            Assert.True(command.Success, Text(output, stdout));
            string[] atLaoCai = ["--gateway", command.Groups["gateway"].Value, "--ca", command.Groups["ca"].Value, "--client-cert", command.Groups["cert"].Value, "--client-key", command.Groups["key"].Value];

            var english = workspace.Run(["handover", "gates", "--lang", "en", .. atLaoCai]);
            var chinese = workspace.Run(["handover", "gates", "--lang", "zh", .. atLaoCai]);

            english.AssertSuccess();
            english.AssertField("Border gates", "2 gates");
            Assert.Contains("  VN-LAOCAI/CN-HEKOU  Lao Cai–Hekou international border gate / 老街—河口国际口岸  (Asia/Ho_Chi_Minh)", english.Out, StringComparison.Ordinal);
            Assert.Contains("  VN-KIMTHANH/CN-HEKOU  ", english.Out, StringComparison.Ordinal);
            english.AssertField("Minimum notice", "3 days");
            english.AssertField("Roll-call", "within the agreed window, give or take 2 hours");
            chinese.AssertSuccess();
            Assert.Contains("  VN-LAOCAI/CN-HEKOU  老街—河口国际口岸 / Cửa khẩu quốc tế Lào Cai – Hà Khẩu  (Asia/Ho_Chi_Minh)", chinese.Out, StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(0, await demo.WaitAsync(Deadline));
    }

    // The synchronized writer locks itself around every write.
    private static string Text(TextWriter writer, StringWriter text)
    {
        lock (writer)
        {
            return text.ToString();
        }
    }

    [GeneratedRegex(@"liaison message submit --gateway (?<gateway>\S+) --ca (?<ca>\S+) --client-cert (?<cert>\S+) --client-key (?<key>\S+)")]
    private static partial Regex ListCommand();
}
