using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Liaison.Audit.Bundles;
using Liaison.Audit.Merkle;
using Liaison.Cli.Files;
using Liaison.Cli.Rendering;
using Liaison.Gateway.Storage;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison audit export</c>: writes a node's audit log, with the node offline, as one
/// self-contained bundle (<see cref="AuditBundleJson"/>): every entry with its canonical bytes,
/// every checkpoint and cosignature, and the co-signed agreement whose keys check them. The
/// export is itself audited, as an <see cref="AuditEventType.Exported"/> entry written before
/// the log is read, so a whole-log bundle holds the record of its own export.
/// </summary>
internal sealed class AuditExportCommand : Command
{
    private const int Page = 1000;

    private readonly CliContext context;
    private readonly AuditStoreOptions store = new();
    private readonly Option<string> agreement = new("--agreement") { Description = "The signed agreement in force: it goes into the bundle, for its keys of both nodes.", HelpName = "signed.json", Required = true };
    private readonly Option<string> output = new("--out") { Description = "The bundle file to write (JSON).", HelpName = "file", Required = true };
    private readonly Option<long> fromSeq = new("--from-seq") { Description = "The first entry to include (default 1, the whole log).", HelpName = "seq", DefaultValueFactory = _ => 1 };
    private readonly Option<long?> toSize = new("--to-size") { Description = "The last entry to include: the tree size the bundle ends at (default: the whole log).", HelpName = "size" };
    private readonly Option<string> actor = new("--actor") { Description = "Who exports, as the audit entry of the export names them (default: cli:$USER).", HelpName = "id" };

    public AuditExportCommand(CliContext context)
        : base("export", "Write a node's audit log, with the node offline, as one bundle of its entries, checkpoints, cosignatures and the co-signed agreement, which 'audit verify-bundle' checks on any machine.")
    {
        this.context = context;
        store.AddTo(this);
        this.AddOptions(agreement, output, fromSeq, toSize, actor);
        fromSeq.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 1)
            {
                result.AddError("--from-seq is 1 or more.");
            }
        });
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var (options, nodeId) = store.Read(parse);
        var inForce = AgreementFiles.LoadInForce(parse.GetRequiredValue(agreement));
        if (inForce.FindParty(nodeId) is null)
        {
            throw new CliException($"The agreement has no party '{nodeId}'; give the node with --node.");
        }

        if (options.Provider == StoreProvider.Sqlite && !File.Exists(Path.Combine(options.DataDirectory, "gateway.db")))
        {
            throw new CliException($"There is no gateway.db in '{options.DataDirectory}': it is not a node's data directory.");
        }

        var from = parse.GetValue(fromSeq);
        if (parse.GetValue(toSize) is { } last && last < from)
        {
            throw new CliException($"--to-size {last} is before --from-seq {from}: the range is empty.");
        }

        var who = parse.GetValue(actor) ?? "cli:" + (context.GetEnvironmentVariable("USER") is { Length: > 0 } user ? user : "unknown");
        AuditBundle bundle;
        long exportSeq;
        try
        {
            await using var opened = await GatewayStore.OpenAsync(options, context.Time, cancellationToken: cancellationToken);
            var to = parse.GetValue(toSize);
            var range = to is { } end ? $"entries {from} to {end}" : $"entries from {from}";
            exportSeq = await opened.RecordAuditEventAsync(
                new AuditEventRecord(AuditEventType.Exported, who, $"audit bundle of {range}"), cancellationToken);
            bundle = await ReadBundleAsync(opened, nodeId, inForce.Signed, from, to ?? exportSeq, context.Time.GetUtcNow(), cancellationToken);
        }
        catch (DbException e)
        {
            throw new CliException($"The store of '{nodeId}' cannot be read ({e.GetType().Name}); is it a gateway store of this version?", e);
        }
        catch (ArgumentException e) when (e.ParamName == nameof(AuditEventRecord.Actor))
        {
            throw new CliException("--actor is 1 to 128 printable characters without spaces.", e);
        }

        var path = parse.GetRequiredValue(output);
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            await AuditBundleJson.WriteAsync(file, bundle, cancellationToken);
        }

        var outputWriter = context.Out;
        outputWriter.WriteLine($"Audit bundle of {nodeId}");
        outputWriter.WriteField("Entries", $"{bundle.FirstSeq} to {bundle.TreeSize} ({bundle.Entries.Count} {(bundle.Entries.Count == 1 ? "entry" : "entries")})");
        outputWriter.WriteField("Checkpoints", bundle.Checkpoints.Count.ToString(CultureInfo.InvariantCulture));
        outputWriter.WriteField("Cosignatures", bundle.Cosignatures.Count.ToString(CultureInfo.InvariantCulture));
        outputWriter.WriteField("Agreement", $"{inForce.Document.AgreementId} version {inForce.Version}, SHA-256 {Display.Hex(inForce.Digest)}");
        outputWriter.WriteField("Export audited", $"entry {exportSeq} ({AuditEventType.Exported}, actor {who})");
        outputWriter.WriteField("Written to", path);
        return ExitCodes.Success;
    }

    private static async Task<AuditBundle> ReadBundleAsync(GatewayStore store, string nodeId, Liaison.Agreement.V1.SignedAgreement agreement, long from, long to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var head = await store.GetAuditTreeHeadAsync(cancellationToken);
        if (to > head.Size)
        {
            throw new CliException($"The log of '{nodeId}' has {head.Size} entries; --to-size {to} is beyond it.");
        }

        // The perfect subtrees left of entry `from`: exactly the audit path of leaf from - 1 in the tree that it ends.
        var prefix = from == 1 ? [] : (await store.GetAuditInclusionProofAsync(from, from, cancellationToken)).Path.Reverse().ToList();
        var entries = new List<BundleEntry>();
        for (var seq = from; seq <= to;)
        {
            var page = await store.ReadAuditAsync(seq, (int)Math.Min(Page, to - seq + 1), cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            entries.AddRange(page.Select(ToBundle));
            seq = page[^1].Seq + 1;
        }

        var checkpoints = new List<BundleCheckpoint>();
        for (var size = Math.Max(from - 1, 1); ;)
        {
            var page = await store.ListAuditCheckpointsAsync(size, Page, cancellationToken);
            checkpoints.AddRange(page.Where(c => c.TreeSize <= to).Select(c => new BundleCheckpoint(c.TreeSize, c.IssuedAt, c.Note)));
            if (page.Count < Page || page[^1].TreeSize >= to)
            {
                break;
            }

            size = page[^1].TreeSize + 1;
        }

        // Several witnesses may cosign one size, so each page starts again at the last size it reached.
        var cosignatures = new Dictionary<(long, string), BundleCosignature>();
        for (var size = Math.Max(from - 1, 1); ;)
        {
            var page = await store.ListCosignaturesAsync(size, Page, cancellationToken);
            foreach (var c in page.Where(c => c.TreeSize <= to))
            {
                cosignatures.TryAdd((c.TreeSize, c.Witness), new BundleCosignature(c.TreeSize, c.Witness, c.ReceivedAt, c.Note));
            }

            if (page.Count < Page || page[^1].TreeSize >= to || page[^1].TreeSize == size)
            {
                break;
            }

            size = page[^1].TreeSize;
        }

        return new AuditBundle(nodeId, AuditLogOrigin.For(nodeId), now, agreement, from, to, prefix, entries, checkpoints, [.. cosignatures.Values]);
    }

    private static BundleEntry ToBundle(AuditEntry entry) => new(
        entry.Seq,
        entry.RecordedAt,
        entry.EventType.ToString(),
        entry.EnvelopeId,
        entry.PeerNode,
        entry.ReasonCode,
        entry.Detail,
        entry.FormatVersion >= 2 ? entry.Actor : null,
        entry.FormatVersion >= 2 ? entry.Subject : null,
        entry.LeafData);
}
