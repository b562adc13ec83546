using System.Text;
using Liaison.Cli.Demo;
using Liaison.Crypto.Keys;

namespace Liaison.Cli.Tests.Scans;

/// <summary>
/// Issue 6, "Secrets scan": after a full demo (and the refusals it was made to give), no private
/// key, passphrase or personal field is in what the demo and both gateways logged (every level
/// from Debug, to a file per node, and everything the tool printed, refusals included), in what
/// crossed the broker (every message both buses received, with its transport headers, and the
/// envelopes and receipts themselves), or in the SQLite databases.
/// <para>
/// The databases are scanned whole for keys and passphrases. For personal fields, four columns are
/// left out because they are meant to hold them, sealed or encrypted: messages.envelope_bytes (each
/// envelope's payload is encrypted to its recipient), messages.payload (encrypted at rest under the
/// case's data key), outbox.bytes (sealed envelopes waiting to be published) and data_keys.wrapped_key
/// (keys, wrapped). Every other table and column, the workflow state and the audit log included, is scanned.
/// </para>
/// The secrets looked for are the raw private keys of both nodes' key files (each algorithm, hex and
/// base64), both key-file passphrases, a wrong passphrase typed by mistake, the TLS keys of the demo's
/// CA and servers, and every other file the demo wrote readable by its owner only (key-encryption
/// keys, client keys).
/// </summary>
[Collection(DemoScanGroup.Name)]
public sealed class DemoSecretsScanTests(DemoScanFixture demo)
{
    private static readonly HashSet<string> SealedColumns = ["message_bodies.envelope_bytes", "message_bodies.payload", "outbox.bytes", "data_keys.wrapped_key"];

    [Fact]
    public void NoPrivateKeyPassphraseOrPersonalFieldIsInTheLogsTheBrokerMessagesTheErrorTextsOrTheDatabases()
    {
        var secrets = SecretNeedles();
        var personal = DemoPersonalData.Needles();
        var (everywhere, clearColumns, sealedColumns) = Haystacks();

        var finds = Scanner.Find([.. secrets, .. personal], everywhere)
            .Concat(Scanner.Find([.. secrets, .. personal], clearColumns))
            .Concat(Scanner.Find(secrets, sealedColumns))
            .ToList();

        Assert.True(finds.Count == 0, "Found:\n" + string.Join('\n', finds));
    }

    [Fact]
    public void WhatIsScannedIsWhatTheDemoProduced()
    {
        // The logs are at Debug level, from both gateways; the broker saw envelopes and receipts; the refusals said why.
        var logs = Directory.GetFiles(demo.Capture.LogDirectory);
        Assert.Equal(2, logs.Length);
        Assert.All(logs, log => Assert.Contains(" DBG ", File.ReadAllText(log), StringComparison.Ordinal));
        Assert.Contains(demo.Capture.Messages, m => m.Kind == "EnvelopeTransferred");
        Assert.Contains(demo.Capture.Messages, m => m.Kind == "ReceiptTransferred");
        Assert.Contains(demo.Capture.Messages, m => m.Headers.Length > 0);
        Assert.All(demo.Refusals, r => Assert.StartsWith("error: ", r.Error, StringComparison.Ordinal));
        Assert.Contains(demo.Refusals, r => r.Error.Contains("INVALID_ARGUMENT", StringComparison.Ordinal));
        Assert.Contains(demo.Refusals, r => r.Error.Contains("passphrase", StringComparison.OrdinalIgnoreCase));
        Assert.True(demo.Capture.PrivateKeys.Count >= 6, "the CA's and both servers' TLS keys are looked for");
        Assert.True(SecretNeedles().Count > 100);
    }

    [Fact]
    public void ThePositiveControlFindsASecretPlantedInALogAMessageAnErrorAndATable()
    {
        var laoCai = demo.NodeDirectory(Workspace.LaoCai);
        var passphrase = File.ReadAllText(Path.Combine(laoCai, DemoIdentity.PassphraseFileName)).TrimEnd('\n');
        var key = KeyFile.Read(Path.Combine(laoCai, DemoIdentity.KeyFileName), passphrase).ToBundle().Keys[0].PrivateKey_.ToByteArray();
        var log = File.ReadAllBytes(Directory.GetFiles(demo.Capture.LogDirectory)[0]);
        var message = demo.Capture.Messages.First(m => m.Kind == "EnvelopeTransferred").Body;
        var planted = new[]
        {
            new Haystack("log with a key in hex", [.. log[..(log.Length / 2)], .. Encoding.ASCII.GetBytes(Convert.ToHexStringLower(key)), .. log[(log.Length / 2)..]]),
            new Haystack("envelope with a key inside", [.. message[..7], .. key, .. message[7..]]),
            Haystack.Text("error text with a passphrase", $"error: the passphrase '{passphrase}' is wrong."),
            new Haystack("message with a passphrase in UTF-16", Encoding.Unicode.GetBytes("{\"p\":\"" + passphrase + "\"}")),
        };

        var finds = Scanner.Find(SecretNeedles(), planted);

        Assert.All(planted, h => Assert.Contains(finds, f => f.EndsWith($" in {h.Name}", StringComparison.Ordinal) || f.Contains($" in {h.Name} at", StringComparison.Ordinal)));
    }

    private List<Needle> SecretNeedles()
    {
        var needles = new List<Needle>();
        foreach (var node in new[] { Workspace.LaoCai, Workspace.Yunnan })
        {
            var directory = demo.NodeDirectory(node);
            var passphrase = File.ReadAllText(Path.Combine(directory, DemoIdentity.PassphraseFileName)).TrimEnd('\r', '\n');
            needles.AddRange(Needle.ForText($"{node}'s key-file passphrase", passphrase));
            foreach (var key in KeyFile.Read(Path.Combine(directory, DemoIdentity.KeyFileName), passphrase).ToBundle().Keys)
            {
                needles.AddRange(Needle.ForBytes($"{node}'s {key.Algorithm} private key", key.PrivateKey_.ToByteArray()));
            }
        }

        needles.AddRange(Needle.ForText("a wrong passphrase", DemoScanFixture.WrongPassphrase));
        var i = 0;
        foreach (var tls in demo.Capture.PrivateKeys)
        {
            needles.AddRange(Needle.ForBytes($"TLS private key {i++}", tls));
        }

        // Whatever else the demo keeps for its owner's eyes only: key-encryption keys, client keys...
        foreach (var file in Directory.EnumerateFiles(demo.Data, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            if (name is DemoIdentity.KeyFileName or DemoIdentity.PassphraseFileName || name.StartsWith("gateway.db", StringComparison.Ordinal)
                || (File.GetUnixFileMode(file) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
            {
                continue;
            }

            var bytes = File.ReadAllBytes(file);
            needles.AddRange(Needle.ForBytes($"owner-only file {name}", bytes));
            var text = Encoding.UTF8.GetString(bytes).Trim();
            needles.AddRange(Needle.ForText($"owner-only file {name} as text", text));
            var decoded = new byte[text.Length];
            if (Convert.TryFromBase64String(text, decoded, out var length))
            {
                needles.AddRange(Needle.ForBytes($"owner-only file {name} decoded", decoded[..length]));
            }

            foreach (var pem in PemBodies(text))
            {
                needles.AddRange(Needle.ForBytes($"owner-only file {name} PEM", pem));
            }
        }

        return needles;
    }

    private static IEnumerable<byte[]> PemBodies(string text)
    {
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(text, "-----BEGIN [A-Z ]*PRIVATE KEY-----(?<body>[^-]*)-----END"))
        {
            yield return Convert.FromBase64String(match.Groups["body"].Value.Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal));
        }
    }

    private (List<Haystack> Everywhere, List<Haystack> ClearColumns, List<Haystack> SealedColumns) Haystacks()
    {
        var everywhere = new List<Haystack>
        {
            Haystack.Text("the demo's output", demo.Demo.Out + demo.Demo.Error),
        };
        everywhere.AddRange(Directory.GetFiles(demo.Capture.LogDirectory).Select(f => new Haystack($"log {Path.GetFileName(f)}", File.ReadAllBytes(f))));
        everywhere.AddRange(demo.Workspace.History.Select((r, n) => Haystack.Text($"CLI run {n} (exit {r.ExitCode})", r.Out + r.Error)));
        everywhere.AddRange(demo.Capture.Messages.Select((m, n) => new Haystack($"broker message {n} ({m.Kind})", m.Body)));
        everywhere.AddRange(demo.Capture.Messages.Select((m, n) => new Haystack($"broker message {n} headers", m.Headers)));

        var (clear, sealedOnes) = (new List<Haystack>(), new List<Haystack>());
        foreach (var node in new[] { Workspace.LaoCai, Workspace.Yunnan })
        {
            var database = SqliteTables.DatabasePath(demo.NodeDirectory(node));
            foreach (var table in SqliteTables.Names(database))
            {
                foreach (var column in SqliteTables.Read(database, table, node).Columns)
                {
                    var qualified = table + "." + column.Name[(column.Name.LastIndexOf(' ') + 1)..];
                    (SealedColumns.Contains(qualified) ? sealedOnes : clear).Add(column);
                }
            }
        }

        return (everywhere, clear, sealedOnes);
    }
}
