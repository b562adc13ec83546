using System.CommandLine;
using Liaison.Cli.Files;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;
using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;
using Org.BouncyCastle.Security;

namespace Liaison.Cli.Commands;

/// <summary><c>liaison keys generate</c>: a new encrypted key file and its public half, to publish in an agreement.</summary>
internal sealed class KeysGenerateCommand : Command
{
    private readonly CliContext context;
    private readonly Option<string> owner = CliOptions.NodeId("--owner", "The node the keys belong to, e.g. vn-laocai.");
    private readonly Option<Suite[]> suites = CliOptions.SuiteChoices(
        "The suite(s) the keys are for: international and/or gm; repeat --suite for a node that uses both. An authority key takes one.");
    private readonly Option<bool> postQuantum = new("--post-quantum") { Description = "Also generate an ML-DSA-65 co-signing key (node keys only)." };
    private readonly Option<bool> authority = new("--authority") { Description = "Generate the authority key that signs agreements instead of node keys." };
    private readonly Option<string> output = CliOptions.Required("--out", "The directory for <owner>[.authority].key and <owner>[.authority].pub.json.", "dir");
    private readonly Option<DateTimeOffset?> validFrom = CliOptions.Time("--valid-from", "Start of the keys' published validity (default: now).");
    private readonly Option<int> validDays = CliOptions.Number("--valid-days", "Length of the published validity in days.", "days", 730, 1, 36_525);

    // The key-file reader refuses costs outside 14..20, so the tool never writes one.
    private readonly Option<int> scryptLogN = CliOptions.Number("--scrypt-log-n", "scrypt cost of the key file: N = 2^log-n.", "log-n", ScryptCost.Default.LogN, ScryptCost.Minimum.LogN, 20);
    private readonly PassphraseOption passphrase = new();

    public KeysGenerateCommand(CliContext context)
        : base("generate", "Generate node keys (or an authority key) into an encrypted key file and a public-key JSON file.")
    {
        this.context = context;
        Validators.Add(r =>
        {
            if (r.GetValue(authority) && r.GetValue(postQuantum))
            {
                r.AddError("--post-quantum applies to node keys; an authority key is always Ed25519 or SM2.");
            }

            if (r.GetValue(authority) && r.GetValue(suites)?.Length > 1)
            {
                r.AddError("An authority key is of one suite: give --suite once.");
            }
        });
        this.AddOptions(owner, suites, postQuantum, authority, output, validFrom, validDays, scryptLogN, passphrase.File);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var ownerId = parse.GetRequiredValue(owner);
        var suiteIds = parse.GetRequiredValue(suites);
        var isAuthority = parse.GetValue(authority);
        var directory = parse.GetRequiredValue(output);
        var basePath = Path.Combine(directory, ownerId + (isAuthority ? ".authority" : ""));
        var (keyPath, publicPath) = (basePath + ".key", basePath + ".pub.json");
        foreach (var path in new[] { keyPath, publicPath })
        {
            if (File.Exists(path))
            {
                throw new CliException($"'{path}' already exists; keys are never overwritten. Move it away or choose another --out.");
            }
        }

        // Read before generating, so that a missing passphrase fails before any work is done.
        var secret = passphrase.Read(parse, context);
        IReadOnlyList<KeyAlgorithm> algorithms = isAuthority
            ? [suiteIds[0] == Suite.GmV1 ? KeyAlgorithm.Sm2Sign : KeyAlgorithm.Ed25519]
            : suiteIds.SelectMany(s => KeyRing.NodeAlgorithms(s, postQuantumSignature: false))
                .Concat(parse.GetValue(postQuantum) ? [KeyAlgorithm.MlDsa65] : [])
                .ToList();
        var ring = KeyRing.Generate(ownerId, algorithms, new SecureRandom());
        var from = parse.GetValue(validFrom) ?? context.Time.GetUtcNow();
        var until = from.AddDays(parse.GetValue(validDays));

        Directory.CreateDirectory(directory);
        KeyFile.Write(keyPath, ring, secret, ScryptCost.Default with { LogN = parse.GetValue(scryptLogN) });
        ProtoJsonFile.Write(publicPath, ring.ToPublicBundle(from, until), overwrite: false);

        var kind = isAuthority ? "authority key" : "node keys";
        context.Out.WriteLine($"Generated {kind} for '{ownerId}' (suite {string.Join(" and ", suiteIds.Select(CliOptions.SuiteName))}):");
        foreach (var key in ring.Keys)
        {
            context.Out.WriteLine($"  key {KeyIds.ToHex(key.KeyId.Span)}  {KeyIds.AlgorithmName(key.Algorithm)}");
        }

        context.Out.WriteField("Valid", $"{Display.Time(from)} to {Display.Time(until)}");
        context.Out.WriteField("Private key file", $"{keyPath} (encrypted, mode 0600; keep it secret)");
        context.Out.WriteField("Public key file", $"{publicPath} (give it to whoever drafts the agreement)");
        return ExitCodes.Success;
    }
}
