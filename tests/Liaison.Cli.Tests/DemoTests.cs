using System.Text.RegularExpressions;
using Liaison.Testing;

namespace Liaison.Cli.Tests;

/// <summary>
/// The README's main command: two real gateways in the process, every workflow through their
/// gRPC API over TLS, the quarter's report, then serving until cancelled.
/// </summary>
public sealed partial class DemoTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public void TheWalkThroughTakesEveryWorkflowToItsFinalStateOnBothSidesAndBothAuditChainsVerify()
    {
        using var workspace = new Workspace();
        var data = workspace.PathOf("demo");

        var result = workspace.Run("demo", "--exit", "--data-dir", data);

        result.AssertSuccess();
        AssertEveryWorkflowFinished(result);

        // The verification request's envelope: delivered with a verified receipt, stored in Yunnan's inbox, intact.
        result.AssertField("Message state", "MESSAGE_STATE_DELIVERED");
        result.AssertField("Receipt", "signature verified by vn-laocai: MESSAGE_STATE_DELIVERED");
        Assert.Matches(@"(?m)^ *Inbox: +[0-9a-f-]{36}  MESSAGE_STATE_STORED  vn-laocai  verification.request  LC-2026-0042", result.Out);
        Assert.Contains("identical to what Lao Cai sent: True", result.Out, StringComparison.Ordinal);

        // Criteria in force on both sides; the photograph downloaded with its hash checked; the H1 marking; the record digest.
        result.AssertField("State", "vn-laocai Agreed; cn-yunnan Agreed");
        Assert.Matches(@"(?m)^ *In force: +version 1 from \d{4}-\d{2}-\d{2} on both sides, SHA-256 [0-9a-f]{64}$", result.Out);
        Assert.Matches(@"(?m)^ *Downloaded: +\d+ bytes image/jpeg, ATTACHMENT_STATE_RECEIVED, SHA-256 matches the request's reference: True$", result.Out);
        result.AssertField("Markings", "NOT FOR USE IN COURT WITHOUT PERMISSION (H1)");
        Assert.Matches(@"(?m)^ *Record digest: +SHA-256 [0-9a-f]{64}, signed by cn-yunnan and vn-laocai$", result.Out);
        Assert.Matches(@"(?m)^ *Acknowledged at: +\d{4}-\d{2}-\d{2}T\S+Z, [\d.]+ (s|min) after it was raised at \S+ \(window 15 min\), overdue: no$", result.Out);

        // The quarter's report: one request each way, the handover, the alert; the HTML next to each node's data.
        Assert.Matches(@"(?m)^  requests\.sent,1\r?$", result.Out);
        result.AssertField("Report", "vn-laocai: 1 sent; cn-yunnan: 1 received; handovers completed 1/1; alerts 1/1 (Lao Cai/Yunnan)");
        result.AssertField("cn-yunnan figures", "requests.sent 0, requests.received 1, victims.identified 1, handovers.completed 1, alerts.raised 1, alerts.acknowledged 1");

        Assert.Matches(@"(?m)^ *vn-laocai chain: +verified, all \d+ entries intact$", result.Out);
        Assert.Matches(@"(?m)^ *cn-yunnan chain: +verified, all \d+ entries intact$", result.Out);
        Assert.EndsWith("Both gateways stopped." + Environment.NewLine, result.Out, StringComparison.Ordinal);
        foreach (var node in new[] { Workspace.LaoCai, Workspace.Yunnan })
        {
            Assert.True(File.Exists(Path.Combine(data, node, "gateway.db")), $"{node}'s SQLite database is in {data}/{node}/");
            Assert.True(File.Exists(Path.Combine(data, node, "node.key")), $"{node}'s key file is in {data}/{node}/");
            Assert.Single(Directory.GetFiles(Path.Combine(data, node), "report-*-Q?.html"));
        }

        Assert.True(File.Exists(Path.Combine(data, "demo-ca.pem")));

        // The synthetic personal-looking fields of the steps are never printed.
        foreach (var field in new[] { "Sùng Thị", "宋氏", "Song Shi", "H'Mông", "Mẫu Thử", "2006-01-01", "护送民警", "合成测试数据", "int-hmn-1" })
        {
            Assert.DoesNotContain(field, result.Out + result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ASecondRunOnTheSameDataDirectoryReusesTheNodesAndTheAgreedCriteria()
    {
        using var workspace = new Workspace();
        var data = workspace.PathOf("demo");
        workspace.Run("demo", "--exit", "--data-dir", data).AssertSuccess();

        var second = workspace.Run("demo", "--exit", "--data-dir", data);

        second.AssertSuccess();
        Assert.Contains("reused from", second.Out, StringComparison.Ordinal);
        Assert.Contains("Version 1 was agreed in an earlier run on this data directory", second.Out, StringComparison.Ordinal);
        AssertEveryWorkflowFinished(second);
        Assert.Matches(@"(?m)^  requests\.sent,2\r?$", second.Out);
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
            string[] asYunnan = ["--client-cert", command.Groups["cert"].Value, "--client-key", command.Groups["key"].Value];

            var list = workspace.Run(["message", "list", "--gateway", yunnan, "--ca", ca, .. asYunnan]);

            list.AssertSuccess();
            Assert.Matches(@"(?m)^  [0-9a-f-]{36}  MESSAGE_STATE_STORED  vn-laocai  verification.request  LC-2026-0042  \d+ bytes$", list.Out);
            var criteria = workspace.Run(["workflow", "show", "cr-demo-v1", "--gateway", yunnan, "--ca", ca, "--lang", "vi", .. asYunnan]);
            criteria.AssertSuccess();
            Assert.Matches(@"(?m)^ *State: +.*Agreed\)?$", criteria.Out);

            // An attachment uploaded to Lao Cai's gateway with the CLI is downloaded from Yunnan's, byte for byte.
            var uploadCommand = UploadCommand().Match(stdout.Text);
            var laoCai = uploadCommand.Groups["gateway"].Value;
            string[] asLaoCai = ["--client-cert", uploadCommand.Groups["cert"].Value, "--client-key", uploadCommand.Groups["key"].Value];
            var photo = workspace.PathOf("photo.jpg");
            var bytes = new byte[300 * 1024];
            new Random(7).NextBytes(bytes);
            File.WriteAllBytes(photo, bytes);
            var upload = workspace.Run(["attachment", "upload", "--gateway", laoCai, "--ca", ca, "--to", Workspace.Yunnan, "--case", "LC-2026-0043", photo, .. asLaoCai]);
            upload.AssertSuccess();
            upload.AssertField("Size", "307200 bytes, image/jpeg");
            var attachment = Regex.Match(upload.Out, @"attachments/(?<id>[0-9a-f]{32})").Groups["id"].Value;
            var copy = workspace.PathOf("copy.jpg");
            await Polling.UntilAsync(() => workspace.Run(["attachment", "download", attachment, "--gateway", yunnan, "--ca", ca, "--out", copy, .. asYunnan]).ExitCode == 0, Deadline, "the attachment to arrive at Yunnan");
            Assert.Equal(bytes, File.ReadAllBytes(copy));
            Assert.False(File.Exists(copy + ".partial"));

            workspace.Run(["message", "list", "--gateway", yunnan, .. asYunnan]).AssertRefused("The gateway's TLS certificate is not trusted");
            workspace.Run("message", "list", "--gateway", yunnan, "--ca", ca).AssertRefused("(UNAUTHENTICATED, CLIENT_CERTIFICATE_REQUIRED)");
            workspace.Run(["message", "get", "not-an-id", "--gateway", yunnan, "--ca", ca, .. asYunnan]).AssertRefused("(INVALID_ARGUMENT, INVALID_REQUEST)");
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

    internal static void AssertEveryWorkflowFinished(CliResult result)
    {
        Assert.Matches(@"(?m)^ *Criteria: +cr-demo-v1  Agreed on both sides$", result.Out);
        Assert.Matches(@"(?m)^ *Verification: +vr-demo-[0-9a-f]{8}  Answered on both sides$", result.Out);
        Assert.Matches(@"(?m)^ *Handover: +ho-demo-[0-9a-f]{8}  Completed on both sides$", result.Out);
        Assert.Matches(@"(?m)^ *Alert: +al-demo-[0-9a-f]{8}  Acknowledged on both sides$", result.Out);
        Assert.Contains("Every workflow reached its final state on both sides, and both audit trails verify.", result.Out, StringComparison.Ordinal);
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

    [GeneratedRegex(@"liaison message list --gateway (?<gateway>\S+) --ca (?<ca>\S+) --client-cert (?<cert>\S+) --client-key (?<key>\S+)")]
    private static partial Regex ListCommand();

    [GeneratedRegex(@"liaison attachment upload --gateway (?<gateway>\S+) --ca \S+ --client-cert (?<cert>\S+) --client-key (?<key>\S+)")]
    private static partial Regex UploadCommand();
}
