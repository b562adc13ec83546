using Liaison.Cli.Files;
using Liaison.Crypto.Keys;
using Liaison.Envelope.V1;
using Liaison.Gateway.Storage;
using Microsoft.Data.Sqlite;
using static Liaison.Cli.Tests.Workspace;

namespace Liaison.Cli.Tests;

/// <summary><c>liaison audit verify</c> on a node's SQLite store, intact and tampered with.</summary>
public sealed class AuditVerifyCommandTests
{
    [Fact]
    public async Task AnIntactStoreVerifiesAndATamperedOneIsRefusedWithItsFirstBadEntry()
    {
        using var workspace = new Workspace();
        var signed = workspace.SignedAgreement("international");
        var dataDirectory = workspace.PathOf($"data/{LaoCai}");
        await WriteLogAsync(dataDirectory, signed, workspace.PathOf($"keys/{LaoCai}.key"));

        var intact = workspace.Run("audit", "verify", "--data-dir", dataDirectory, "--agreement", signed);
        intact.AssertSuccess();
        Assert.Contains("Checkpoints verified", intact.Out, StringComparison.Ordinal);
        Assert.Contains("The audit log is intact.", intact.Out, StringComparison.Ordinal);

        await ExecuteAsync(dataDirectory, "DROP TRIGGER audit_no_update");
        await ExecuteAsync(dataDirectory, "UPDATE audit SET detail = 'X' || substr(detail, 2) WHERE seq = 3");
        var tampered = workspace.Run("audit", "verify", "--data-dir", dataDirectory, "--agreement", signed);
        tampered.AssertRefused("The audit log of 'vn-laocai' is not intact; first bad entry: 3 (leaf index 2):");
        Assert.Contains("Entry 3 does not match its leaf hash in the tree (leaf index 2)", tampered.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AStoreIsNamedByADataDirectoryOrAConnectionStringAndSchema()
    {
        using var workspace = new Workspace();
        workspace.Run("audit", "verify", "--agreement", "signed.json").AssertUsageError("Give either --data-dir (SQLite) or --connection-string and --schema (PostgreSQL).");
        workspace.Run("audit", "verify", "--agreement", "signed.json", "--schema", "vn-laocai").AssertUsageError("PostgreSQL needs both --connection-string and --schema.");
    }

    private static async Task WriteLogAsync(string dataDirectory, string agreementPath, string keyPath)
    {
        var agreement = AgreementFiles.LoadInForce(agreementPath);
        var keys = KeyFile.Read(keyPath, Passphrase);
        var store = await GatewayStore.OpenAsync(new StoreOptions { Provider = StoreProvider.Sqlite, DataDirectory = dataDirectory }, TimeProvider.System);
        await using (store)
        {
            for (var i = 0; i < 6; i++)
            {
                await store.RecordUnreadableRejectionAsync(RejectionReason.Malformed);
            }

            var (origin, signer) = CheckpointIssuer.SigningIdentity(agreement, keys, TimeProvider.System);
            Assert.NotNull(await store.IssueAuditCheckpointAsync(origin, signer));
        }
    }

    private static async Task ExecuteAsync(string dataDirectory, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "gateway.db"), Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
