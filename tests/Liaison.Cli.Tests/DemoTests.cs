using System.Text.RegularExpressions;
using Liaison.Testing;

namespace Liaison.Cli.Tests;

/// <summary>
/// The README's main command: two real gateways in the process, one verification request
/// through their gRPC API over TLS, then serving until cancelled.
/// </summary>
public sealed partial class DemoTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public void TheWalkThroughReachesDeliveredWithAVerifiedReceiptAndBothAuditChainsVerify()
    {
        using var workspace = new Workspace();
        var data = workspace.PathOf("demo");

        var result = workspace.Run("demo", "--exit", "--data-dir", data);

        result.AssertSuccess();
        result.AssertField("State", "MESSAGE_STATE_DELIVERED");
        result.AssertField("Receipt", "signature verified by vn-laocai: MESSAGE_STATE_DELIVERED");
        Assert.Matches(@"(?m)^ *vn-laocai chain: +verified, all \d+ entries intact$", result.Out);
        Assert.Matches(@"(?m)^ *cn-yunnan chain: +verified, all \d+ entries intact$", result.Out);
        Assert.Matches(@"(?m)^ *Inbox: +[0-9a-f-]{36}  MESSAGE_STATE_STORED  vn-laocai  verification.request  LC-2026-0042", result.Out);
        Assert.Contains("identical to what Lao Cai sent: True", result.Out, StringComparison.Ordinal);
        Assert.EndsWith("Both gateways stopped." + Environment.NewLine, result.Out, StringComparison.Ordinal);
        foreach (var node in new[] { Workspace.LaoCai, Workspace.Yunnan })
        {
            Assert.True(File.Exists(Path.Combine(data, node, "gateway.db")), $"{node}'s SQLite database is in {data}/{node}/");
            Assert.True(File.Exists(Path.Combine(data, node, "node.key")), $"{node}'s key file is in {data}/{node}/");
        }

        Assert.True(File.Exists(Path.Combine(data, "demo-ca.pem")));

        // The synthetic request's personal-looking fields are never printed.
        foreach (var field in new[] { "Nguyen Thi Mau", "2001-01-01", "Bat Xat", "possible victim" })
        {
            Assert.DoesNotContain(field, result.Out + result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ASecondRunOnTheSameDataDirectoryReusesTheNodes()
    {
        using var workspace = new Workspace();
        var data = workspace.PathOf("demo");
        workspace.Run("demo", "--exit", "--data-dir", data).AssertSuccess();

        var second = workspace.Run("demo", "--exit", "--data-dir", data);

        second.AssertSuccess();
        Assert.Contains("reused from", second.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^ *Sequence: +2 on vn-laocai -> cn-yunnan$", second.Out);
        second.AssertField("State", "MESSAGE_STATE_DELIVERED");
    }

    [Fact]
    public async Task WithoutExitBothGatewaysServeTheCliUntilCancelledThenStopCleanly()
    {
        using var workspace = new Workspace();
        using var stop = new CancellationTokenSource();
        using var stdout = new Console();
        using var stderr = new Console();
        var demo = Task.Run(() => Program.Run(["demo", "--data-dir", workspace.PathOf("demo")], new CliContext(stdout.Writer, stderr.Writer, _ => null, stop.Token)));
        try
        {
            await Polling.UntilAsync(() => demo.IsCompleted || stdout.Text.Contains("keep serving until Ctrl-C", StringComparison.Ordinal), Deadline, "the demo to finish its walk-through and serve");
            Assert.False(demo.IsCompleted, $"The demo ended instead of serving.\nstdout:\n{stdout.Text}\nstderr:\n{stderr.Text}");
            var command = ListCommand().Match(stdout.Text);
            Assert.True(command.Success, stdout.Text);
            var (yunnan, ca) = (command.Groups["gateway"].Value, command.Groups["ca"].Value);

            var list = workspace.Run("message", "list", "--gateway", yunnan, "--ca", ca);

            list.AssertSuccess();
            Assert.Contains("1 message in the inbox page:", list.Out, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^  [0-9a-f-]{36}  MESSAGE_STATE_STORED  vn-laocai  verification.request  LC-2026-0042  \d+ bytes$", list.Out);

            workspace.Run("message", "list", "--gateway", yunnan).AssertRefused("The gateway's TLS certificate is not trusted");
            workspace.Run("message", "get", "not-an-id", "--gateway", yunnan, "--ca", ca).AssertRefused("(INVALID_ARGUMENT, INVALID_REQUEST)");
        }
        finally
        {
            await stop.CancelAsync();
        }

        var exitCode = await demo.WaitAsync(Deadline);

        Assert.True(exitCode == 0, $"exit {exitCode}\nstdout:\n{stdout.Text}\nstderr:\n{stderr.Text}");
        Assert.EndsWith("Stopping both gateways." + Environment.NewLine + "Both gateways stopped." + Environment.NewLine, stdout.Text, StringComparison.Ordinal);
        Assert.Equal("", stderr.Text);
    }

    /// <summary>What a run on another thread printed so far, read safely while it writes.</summary>
    private sealed class Console : IDisposable
    {
        private readonly StringWriter text = new();

        public Console() => Writer = TextWriter.Synchronized(text);

        public TextWriter Writer { get; }

        public string Text
        {
            get
            {
                // The synchronized writer locks itself around every write.
                lock (Writer)
                {
                    return text.ToString();
                }
            }
        }

        public void Dispose() => text.Dispose();
    }

    [GeneratedRegex(@"liaison message list --gateway (?<gateway>\S+) --ca (?<ca>\S+)")]
    private static partial Regex ListCommand();
}
