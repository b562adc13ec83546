using Liaison.Cli.Options;

namespace Liaison.Cli.Tests;

/// <summary>
/// A temporary directory in which the tool runs in-process, with its own
/// environment, so tests run in parallel without touching the real console or
/// environment. Helpers run the usual steps and assert that each succeeds.
/// </summary>
public sealed class Workspace : IDisposable
{
    public const string LaoCai = "vn-laocai";
    public const string Yunnan = "cn-yunnan";
    public const string Passphrase = "correct horse battery staple";
    public const string LaoCaiName = "vn-laocai=Công an tỉnh Lào Cai|老街省公安|Lao Cai Provincial Police";

    public Workspace()
    {
        Root = Directory.CreateTempSubdirectory("liaison-cli-tests-").FullName;
        PassphraseFile = WriteSecretFile("passphrase.txt", Passphrase + "\n");
    }

    public string Root { get; }

    public string PassphraseFile { get; }

    /// <summary>The environment the tool sees; empty unless a test sets a variable.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>Every run's stdout and stderr, to check that no secret was ever printed.</summary>
    public List<CliResult> History { get; } = [];

    public string PathOf(string name) => Path.Combine(Root, name);

    public CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = Program.Run(args, new CliContext(stdout, stderr, name => Environment.GetValueOrDefault(name)));
        var result = new CliResult(exitCode, stdout.ToString(), stderr.ToString());
        History.Add(result);
        return result;
    }

    public string WriteSecretFile(string name, string contents)
    {
        var path = PathOf(name);
        File.WriteAllText(path, contents);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    /// <summary>Node keys and an authority key for one party, in the directory "keys".</summary>
    public void GenerateParty(string owner, string suite, bool postQuantum = false)
    {
        List<string> args = ["keys", "generate", "--owner", owner, "--suite", suite, "--out", PathOf("keys"), "--scrypt-log-n", "14", "--passphrase-file", PassphraseFile];
        Run([.. args, "--authority"]).AssertSuccess();
        if (postQuantum)
        {
            args.Add("--post-quantum");
        }

        Run([.. args]).AssertSuccess();
    }

    public string PartyArgument(string owner, string country) =>
        $"{owner},{country},{PathOf($"keys/{owner}.authority.pub.json")},{PathOf($"keys/{owner}.pub.json")}";

    /// <summary>Keys for Lao Cai and Yunnan and a draft between them; returns the draft's path.</summary>
    public string Draft(string suite, bool postQuantum = false)
    {
        GenerateParty(LaoCai, suite, postQuantum);
        GenerateParty(Yunnan, suite, postQuantum);
        var draft = PathOf("draft.json");
        List<string> args =
        [
            "agreement", "draft", "--id", "laocai-yunnan-blo", "--effective-from", "2026-11-01T00:00:00Z", "--suite", suite,
            "--party", PartyArgument(LaoCai, "VN"), "--party", PartyArgument(Yunnan, "CN"), "--name", LaoCaiName, "--out", draft,
        ];
        if (postQuantum)
        {
            args.Add("--post-quantum");
        }

        Run([.. args]).AssertSuccess();
        return draft;
    }

    public CliResult Sign(string node, string inputOption, string input, string output) =>
        Run("agreement", "sign", "--key", PathOf($"keys/{node}.authority.key"), "--node", node, inputOption, input, "--out", output, "--passphrase-file", PassphraseFile);

    /// <summary>A draft signed by both parties; returns the signed agreement's path.</summary>
    public string SignedAgreement(string suite, bool postQuantum = false)
    {
        var draft = Draft(suite, postQuantum);
        var (once, twice) = (PathOf("signed-once.json"), PathOf("signed.json"));
        Sign(LaoCai, "--draft", draft, once).AssertSuccess();
        Sign(Yunnan, "--agreement", once, twice).AssertSuccess();
        return twice;
    }

    /// <summary>Seals a payload from Lao Cai to Yunnan; returns the envelope's path.</summary>
    public string Seal(string agreement, byte[] payload, string name = "envelope.bin")
    {
        var payloadFile = PathOf(name + ".payload");
        File.WriteAllBytes(payloadFile, payload);
        var envelope = PathOf(name);
        Run("envelope", "seal", "--agreement", agreement, "--key", PathOf($"keys/{LaoCai}.key"), "--to", Yunnan,
            "--type", "verification.request", "--payload-file", payloadFile, "--case-ref", "LC-2026-0042", "--out", envelope,
            "--passphrase-file", PassphraseFile).AssertSuccess();
        return envelope;
    }

    public CliResult Inspect(string envelope, string agreement, params string[] extra) =>
        Run(["envelope", "inspect", envelope, "--agreement", agreement, .. extra]);

    public static string EnvironmentVariable => PassphraseOption.EnvironmentVariable;

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
