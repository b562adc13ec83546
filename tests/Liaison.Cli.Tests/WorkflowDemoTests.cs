using System.Text.RegularExpressions;
using Liaison.Testing;

namespace Liaison.Cli.Tests;

/// <summary>
/// <c>liaison workflow step</c> and <c>liaison workflow show</c> against a real gateway: the demo's,
/// in this process, over TLS. The example verification request holds fictitious data only.
/// </summary>
public sealed partial class WorkflowDemoTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task AVerificationRequestStepIsSubmittedThenShownWithoutItsPersonalFields()
    {
        using var workspace = new Workspace();
        using var stop = new CancellationTokenSource();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var (output, error) = (TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr));
        var demo = Task.Run(() => Program.Run(["demo", "--data-dir", workspace.PathOf("demo")], new CliContext(output, error, _ => null, stop.Token)));
        try
        {
            await Polling.UntilAsync(() => demo.IsCompleted || Text(output, stdout).Contains("keep serving until Ctrl-C", StringComparison.Ordinal), Deadline, "the demo to serve");
            Assert.False(demo.IsCompleted, $"The demo ended instead of serving.\nstdout:\n{Text(output, stdout)}\nstderr:\n{Text(error, stderr)}");
            var command = ListCommand().Match(Text(output, stdout));
            Assert.True(command.Success, Text(output, stdout));
            var (yunnan, ca) = (command.Groups["gateway"].Value, command.Groups["ca"].Value);
            string[] asYunnan = ["--client-cert", command.Groups["cert"].Value, "--client-key", command.Groups["key"].Value];
            var file = WorkflowCommandTests.ExampleFile("verification-request.json");

            var step = workspace.Run(["--lang", "en", "workflow", "step", "--gateway", yunnan, "--ca", ca, "--to", Workspace.LaoCai, "--request-id", "cli-test-1", "--file", file, .. asYunnan]);

            step.AssertSuccess();
            step.AssertField("Workflow", "vr-example-0001");
            step.AssertField("Kind", "WORKFLOW_KIND_VERIFICATION");
            Assert.Matches(@"(?m)^ *Envelope id: +[0-9a-f-]{36}\s*$", step.Out);

            var show = workspace.Run(["workflow", "show", "vr-example-0001", "--gateway", yunnan, "--ca", ca, "--lang", "vi", .. asYunnan]);

            show.AssertSuccess();
            show.AssertField("Kind", "WORKFLOW_KIND_VERIFICATION");
            show.AssertField("Peer", Workspace.LaoCai);
            show.AssertField("Overdue", "no");
            Assert.Matches(@"(?m)^ *Answer due: +\d{4}-\d{2}-\d{2}T", show.Out);
            Assert.Matches(@"(?m)^    \S+Z  cn-yunnan  verification_request  MESSAGE_STATE_\w+  [0-9a-f-]{36}$", show.Out);
            foreach (var personal in new[] { "Giàng", "王美", "000000000000", "Thôn", "河口", "H'Mông" })
            {
                Assert.DoesNotContain(personal, show.Out, StringComparison.Ordinal);
                Assert.DoesNotContain(personal, step.Out, StringComparison.Ordinal);
            }
        }
        finally
        {
            await stop.CancelAsync();
        }

        var exitCode = await demo.WaitAsync(Deadline);
        Assert.True(exitCode == 0, $"exit {exitCode}\nstdout:\n{Text(output, stdout)}\nstderr:\n{Text(error, stderr)}");
    }

    // The synchronized writer locks itself around every write.
    private static string Text(TextWriter writer, StringWriter text)
    {
        lock (writer)
        {
            return text.ToString();
        }
    }

    [GeneratedRegex(@"liaison message list --gateway (?<gateway>\S+) --ca (?<ca>\S+) --client-cert (?<cert>\S+) --client-key (?<key>\S+)")]
    private static partial Regex ListCommand();
}
