using System.CommandLine;
using System.Data.Common;
using Liaison.Cli.Files;
using Liaison.Cli.Rendering;
using Liaison.Gateway.Storage;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison audit verify</c>: checks a node's stored audit log while the node is offline
/// (see <see cref="AuditLogVerifier"/>): exit 0 when it is intact, 1 naming the first bad entry.
/// </summary>
internal sealed class AuditVerifyCommand : Command
{
    private readonly CliContext context;
    private readonly Option<string> dataDirectory = new("--data-dir") { Description = "SQLite: the node's data directory (DIR/<node-id>), holding gateway.db.", HelpName = "dir" };
    private readonly Option<string> connectionString = new("--connection-string") { Description = "PostgreSQL: the server holding the node's schema.", HelpName = "text" };
    private readonly Option<string> schema = new("--schema") { Description = "PostgreSQL: the node's schema, normally its node id.", HelpName = "name" };
    private readonly Option<string> agreement = new("--agreement") { Description = "The signed agreement whose key of the node signed the checkpoints.", HelpName = "signed.json", Required = true };
    private readonly Option<string> node = new("--node") { Description = "The node id, when it is not the data directory's or schema's name.", HelpName = "node-id" };

    public AuditVerifyCommand(CliContext context)
        : base("verify", "Recompute a node's audit log from its entries and check its Merkle tree and every signed checkpoint, with the node offline; exit 0 only when intact.")
    {
        this.context = context;
        Options.Add(dataDirectory);
        Options.Add(connectionString);
        Options.Add(schema);
        Options.Add(agreement);
        Options.Add(node);
        Validators.Add(result =>
        {
            var sqlite = result.GetValue(dataDirectory) is not null;
            var postgres = result.GetValue(connectionString) is not null || result.GetValue(schema) is not null;
            if (sqlite == postgres)
            {
                result.AddError("Give either --data-dir (SQLite) or --connection-string and --schema (PostgreSQL).");
            }
            else if (postgres && (result.GetValue(connectionString) is null || result.GetValue(schema) is null))
            {
                result.AddError("PostgreSQL needs both --connection-string and --schema.");
            }
        });
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var directory = parse.GetValue(dataDirectory);
        var options = directory is not null
            ? new StoreOptions { Provider = StoreProvider.Sqlite, DataDirectory = directory }
            : new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = parse.GetRequiredValue(connectionString), Schema = parse.GetRequiredValue(schema) };
        var nodeId = parse.GetValue(node)
            ?? (directory is not null ? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))) : options.Schema);
        var inForce = AgreementFiles.LoadInForce(parse.GetRequiredValue(agreement));
        AuditLogReport report;
        try
        {
            report = await AuditLogVerifier.VerifyAsync(options, inForce, nodeId, cancellationToken);
        }
        catch (DbException e)
        {
            throw new CliException($"The store of '{nodeId}' cannot be read ({e.GetType().Name}); is it a gateway store of this version?", e);
        }

        var output = context.Out;
        output.WriteLine($"Audit log of {nodeId}");
        output.WriteField("Entries in order", report.Entries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        output.WriteField("Root recomputed", report.Root.ToBase64());
        output.WriteField("Checkpoints verified", report.CheckpointsVerified.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!report.IsIntact)
        {
            var where = report.FirstBadSeq is { } seq ? $"first bad entry: {seq} (leaf index {seq - 1})" : "no entry is bad, but its tree or checkpoints are";
            throw new CliException($"The audit log of '{nodeId}' is not intact; {where}:", report.Problems.Select(p => p.Description).ToList());
        }

        output.WriteLine("The audit log is intact.");
        return ExitCodes.Success;
    }
}
