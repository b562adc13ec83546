using System.CommandLine;
using Liaison.Gateway.Storage;

namespace Liaison.Cli.Commands;

/// <summary>How an offline audit command names a node's store: a SQLite data directory, or a PostgreSQL server and schema; and the node, which defaults to the directory's or schema's name.</summary>
internal sealed class AuditStoreOptions
{
    private readonly Option<string> dataDirectory = new("--data-dir") { Description = "SQLite: the node's data directory (DIR/<node-id>), holding gateway.db.", HelpName = "dir" };
    private readonly Option<string> connectionString = new("--connection-string") { Description = "PostgreSQL: the server holding the node's schema.", HelpName = "text" };
    private readonly Option<string> schema = new("--schema") { Description = "PostgreSQL: the node's schema, normally its node id.", HelpName = "name" };
    private readonly Option<string> node = new("--node") { Description = "The node id, when it is not the data directory's or schema's name.", HelpName = "node-id" };

    public void AddTo(Command command)
    {
        command.AddOptions(dataDirectory, connectionString, schema, node);
        command.Validators.Add(result =>
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
    }

    public (StoreOptions Options, string NodeId) Read(ParseResult parse)
    {
        var directory = parse.GetValue(dataDirectory);
        var options = directory is not null
            ? new StoreOptions { Provider = StoreProvider.Sqlite, DataDirectory = directory }
            : new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = parse.GetRequiredValue(connectionString), Schema = parse.GetRequiredValue(schema) };
        var nodeId = parse.GetValue(node)
            ?? (directory is not null ? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))) : options.Schema);
        return (options, nodeId);
    }
}
