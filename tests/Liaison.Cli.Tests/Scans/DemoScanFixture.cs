using System.Text.RegularExpressions;
using Google.Protobuf;
using Liaison.Cli.Demo;
using Liaison.Cli.Demo.Walkthrough;
using Liaison.Testing;
using Liaison.Workflow.V1;

namespace Liaison.Cli.Tests.Scans;

/// <summary>The scans share one full demo, in a collection of its own so that it runs once.</summary>
[CollectionDefinition(Name)]
public sealed class DemoScanGroup : ICollectionFixture<DemoScanFixture>
{
    public const string Name = "demo scans";
}

/// <summary>
/// One full demo run for the privacy and secrets scans: the walk-through with every workflow,
/// then, while both gateways serve, a few refused requests whose error texts are kept (an invalid
/// id, workflow steps with personal data that the gateway refuses, a wrong key-file passphrase, a
/// tampered envelope); then both gateways stop and each node's audit log is exported as a bundle.
/// Through <see cref="DemoCapture"/>, both gateways log at Debug level to files, and every message
/// their buses received is kept with its headers.
/// </summary>
public sealed partial class DemoScanFixture : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public DemoScanFixture()
    {
        Data = Workspace.PathOf("demo");
        Capture = new DemoCapture(Workspace.PathOf("logs"));
    }

    public Workspace Workspace { get; } = new();

    public string Data { get; }

    internal DemoCapture Capture { get; }

    /// <summary>What the demo printed, and what every other run printed (Workspace.History).</summary>
    public CliResult Demo { get; private set; } = new(0, "", "");

    public IReadOnlyList<CliResult> Refusals { get; private set; } = [];

    public string AgreementPath => Path.Combine(Data, DemoIdentity.AgreementFileName);

    public string NodeDirectory(string node) => Path.Combine(Data, node);

    public string BundlePath(string node) => Workspace.PathOf($"{node}.bundle.json");

    public async Task InitializeAsync()
    {
        using var stop = new CancellationTokenSource();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var (outWriter, errWriter) = (TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr));

        // The capture flows into the demo's task (an AsyncLocal), and into no other test's.
        DemoCapture.Current = Capture;
        var demo = Task.Run(() => Program.Run(["demo", "--data-dir", Data], new CliContext(outWriter, errWriter, _ => null, stop.Token)));
        DemoCapture.Current = null;
        try
        {
            await Polling.UntilAsync(() => demo.IsCompleted || Text(outWriter, stdout).Contains("keep serving until Ctrl-C", StringComparison.Ordinal), Deadline, "the demo to finish its walk-through and serve");
            Assert.False(demo.IsCompleted, $"The demo ended instead of serving.\nstdout:\n{Text(outWriter, stdout)}\nstderr:\n{Text(errWriter, stderr)}");
            Refusals = ProvokeRefusals(Text(outWriter, stdout));
        }
        finally
        {
            await stop.CancelAsync();
        }

        var exitCode = await demo.WaitAsync(Deadline);
        Demo = new CliResult(exitCode, Text(outWriter, stdout), Text(errWriter, stderr));
        Demo.AssertSuccess();
        foreach (var node in new[] { Workspace.LaoCai, Workspace.Yunnan })
        {
            Workspace.Run("audit", "export", "--data-dir", NodeDirectory(node), "--agreement", AgreementPath, "--out", BundlePath(node), "--actor", "scan-auditor").AssertSuccess();
            Workspace.Run("audit", "verify-bundle", BundlePath(node)).AssertSuccess();
        }
    }

    public Task DisposeAsync()
    {
        Workspace.Dispose();
        return Task.CompletedTask;
    }

    private List<CliResult> ProvokeRefusals(string demoOutput)
    {
        // The connection options as the demo prints them (gateway, CA, and whatever else it needs), for each side.
        var yunnan = Arguments(ListCommand().Match(demoOutput));
        var laoCai = Arguments(SubmitCommand().Match(demoOutput));
        var refusals = new List<CliResult>
        {
            Workspace.Run(["message", "get", "not-an-id", .. yunnan]),
        };

        // Steps that carry every personal field but break a rule: the refusal must not quote them.
        var criteria = new CriteriaReference { Version = 1, Digest = ByteString.CopyFrom(new byte[32]) };
        var photo = new AttachmentReference { AttachmentId = "0123456789abcdef0123456789abcdef", MediaType = SyntheticPhoto.MediaType, SizeBytes = 1, Sha256 = ByteString.CopyFrom(new byte[32]) };
        var badId = VerificationWalk.Request("not a valid id!", criteria, photo);
        var tooLong = VerificationWalk.Request("vr-scan-too-long", criteria, photo);
        tooLong.VerificationRequest.Names[0].Name.Text = string.Concat(Enumerable.Repeat(tooLong.VerificationRequest.Names[0].Name.Text, 40));
        tooLong.VerificationRequest.ClaimedResidence.Village.Text = string.Concat(Enumerable.Repeat(tooLong.VerificationRequest.ClaimedResidence.Village.Text, 40));
        var answerToNothing = VerificationWalk.Answer("vr-scan-unknown", criteria);
        foreach (var (name, step, to) in new[] { ("bad-id", badId, Workspace.Yunnan), ("too-long", tooLong, Workspace.Yunnan), ("unknown", answerToNothing, Workspace.Yunnan), ("no-link", badId, "xx-nowhere") })
        {
            var file = Workspace.PathOf($"step-{name}.json");
            File.WriteAllText(file, JsonFormatter.Default.Format(step));
            refusals.Add(Workspace.Run(["workflow", "step", .. laoCai, "--to", to, "--file", file]));
        }

        // A wrong passphrase for Lao Cai's key file, then an envelope sealed with the right one and tampered with.
        var payload = Workspace.PathOf("payload.bin");
        File.WriteAllBytes(payload, VerificationWalk.Request("vr-scan-sealed", criteria, photo).ToByteArray());
        var wrong = Workspace.WriteSecretFile("wrong-passphrase", WrongPassphrase + "\n");
        string[] seal = ["envelope", "seal", "--agreement", AgreementPath, "--key", Path.Combine(NodeDirectory(Workspace.LaoCai), DemoIdentity.KeyFileName), "--to", Workspace.Yunnan,
            "--type", "verification.request", "--payload-file", payload, "--case-ref", VerificationWalk.LaoCaiCase, "--out", Workspace.PathOf("sealed.bin")];
        refusals.Add(Workspace.Run([.. seal, "--passphrase-file", wrong]));
        Workspace.Run([.. seal, "--passphrase-file", Path.Combine(NodeDirectory(Workspace.LaoCai), DemoIdentity.PassphraseFileName)]).AssertSuccess();
        var sealedBytes = File.ReadAllBytes(Workspace.PathOf("sealed.bin"));
        sealedBytes[sealedBytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(Workspace.PathOf("tampered.bin"), sealedBytes);
        refusals.Add(Workspace.Run("envelope", "inspect", Workspace.PathOf("tampered.bin"), "--agreement", AgreementPath,
            "--key", Path.Combine(NodeDirectory(Workspace.Yunnan), DemoIdentity.KeyFileName), "--passphrase-file", Path.Combine(NodeDirectory(Workspace.Yunnan), DemoIdentity.PassphraseFileName)));
        foreach (var refusal in refusals)
        {
            Assert.True(refusal.ExitCode == 1, $"Expected a refusal (exit 1), got {refusal.ExitCode}.\nstdout:\n{refusal.Out}\nstderr:\n{refusal.Error}");
        }

        return refusals;
    }

    /// <summary>A passphrase someone typed by mistake: as secret as the right one.</summary>
    public const string WrongPassphrase = "wrong horse battery staple 7731";

    private static string[] Arguments(Match command)
    {
        Assert.True(command.Success, "The demo prints how to call its gateways.");
        return command.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string Text(TextWriter synchronized, StringWriter writer)
    {
        lock (synchronized)
        {
            return writer.ToString();
        }
    }

    [GeneratedRegex(@"liaison message list (?<args>--gateway .*?)\r?$", RegexOptions.Multiline)]
    private static partial Regex ListCommand();

    [GeneratedRegex(@"liaison attachment upload (?<args>--gateway \S+ .*?) --to ", RegexOptions.Multiline)]
    private static partial Regex SubmitCommand();
}
