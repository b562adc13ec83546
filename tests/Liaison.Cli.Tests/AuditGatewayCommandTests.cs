using System.Globalization;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Keys;
using Liaison.Gateway.Auditing;
using Liaison.Gateway.Hosting;
using Liaison.Gateway.Security;
using Liaison.Gateway.Storage;
using Liaison.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Cli.Tests;

/// <summary>
/// <c>liaison audit list</c> and <c>liaison audit proof</c>: their command lines, and both
/// against a real gateway for Lao Cai (its own keys, agreement, store and checkpoints) on loopback.
/// </summary>
public sealed class AuditGatewayCommandTests
{
    private const string Gateway = "https://127.0.0.1:9";

    [Theory]
    [InlineData("Give either --entry (an inclusion proof) or --from-size (a consistency proof).", "audit", "proof", "--gateway", Gateway, "--agreement", "a.json", "--node", "vn-laocai")]
    [InlineData("Give either --entry (an inclusion proof) or --from-size (a consistency proof).", "audit", "proof", "--gateway", Gateway, "--agreement", "a.json", "--node", "vn-laocai", "--entry", "3", "--from-size", "2")]
    [InlineData("An entry's seq and a tree size are 1 or more", "audit", "proof", "--gateway", Gateway, "--agreement", "a.json", "--node", "vn-laocai", "--entry", "0")]
    [InlineData("Option '--agreement' is required.", "audit", "proof", "--gateway", Gateway, "--node", "vn-laocai", "--entry", "1")]
    [InlineData("'VN' is not a node id", "audit", "proof", "--gateway", Gateway, "--agreement", "a.json", "--node", "VN", "--entry", "1")]
    [InlineData("Option '--gateway' is required.", "audit", "list")]
    [InlineData("'ftp://x' is not a gateway address", "audit", "list", "--gateway", "ftp://x")]
    [InlineData("'yesterday' is not an ISO 8601 time", "audit", "list", "--gateway", Gateway, "--from", "yesterday")]
    public void CommandLineMistakeIsAUsageError(string expected, params string[] args)
    {
        using var workspace = new Workspace();

        var result = workspace.Run(args);

        result.AssertUsageError(expected);
    }

    [Fact]
    public void AnUnreachableGatewayIsRefused()
    {
        using var workspace = new Workspace();

        var result = workspace.Run("audit", "list", "--gateway", "http://127.0.0.1:9");

        result.AssertRefused("The gateway cannot be reached (UNAVAILABLE)");
    }

    [Fact]
    public async Task AuditListAndBothProofsAgainstARunningGateway()
    {
        using var workspace = new Workspace();
        var agreementFile = workspace.SignedAgreement("international");
        var agreement = AgreementInForce.Load(Files.AgreementFiles.ReadSigned(agreementFile));
        var keys = KeyFile.Read(workspace.PathOf($"keys/{Workspace.LaoCai}.key"), Workspace.Passphrase);
        var app = await StartGatewayAsync(workspace, keys, agreement);
        try
        {
            await ListAndProveAsync(workspace, app, agreementFile);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task ListAndProveAsync(Workspace workspace, WebApplication app, string agreementFile)
    {
        var url = app.Urls.First();
        var trail = app.Services.GetRequiredService<AuditTrail>();
        var read = await trail.ReadAsync(new Caller("vn-laocai/officer-0042", CallerRole.Officer, "bat-xat-police"), null, "LC-2026-0042");
        var store = app.Services.GetRequiredService<IGatewayStore>();
        await Polling.UntilAsync(async () => (await store.ListAuditCheckpointsNewestFirstAsync(long.MaxValue, 1)) is [var latest] && latest.TreeSize >= read,
            TimeSpan.FromSeconds(30), "a checkpoint covering the read");

        var list = workspace.Run(AsAuditor(workspace, "audit", "list", "--gateway", url, "--case", "LC-2026-0042"));
        var started = workspace.Run(AsAuditor(workspace, "audit", "list", "--gateway", url, "--type", "NodeStarted", "--type", "AgreementLoaded", "--newest-first"));
        var inclusion = workspace.Run(AsAuditor(workspace, "audit", "proof", "--gateway", url, "--agreement", agreementFile, "--node", Workspace.LaoCai, "--entry", read.ToString(CultureInfo.InvariantCulture)));
        var consistency = workspace.Run(AsAuditor(workspace, "audit", "proof", "--gateway", url, "--agreement", agreementFile, "--node", Workspace.LaoCai, "--from-size", "0"));
        var wrongNode = workspace.Run(AsAuditor(workspace, "audit", "proof", "--gateway", url, "--agreement", agreementFile, "--node", Workspace.Yunnan, "--entry", "1"));

        list.AssertSuccess();
        Assert.Contains("1 audit entry in this page:", list.Out, StringComparison.Ordinal);
        Assert.Contains($"{read}  ", list.Out, StringComparison.Ordinal);
        Assert.Contains("Read  by vn-laocai/officer-0042  case:", list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("LC-2026-0042", list.Out, StringComparison.Ordinal);
        started.AssertSuccess();
        Assert.Contains("2 audit entries in this page:", started.Out, StringComparison.Ordinal);
        Assert.True(started.Out.IndexOf("AgreementLoaded", StringComparison.Ordinal) < started.Out.IndexOf("NodeStarted", StringComparison.Ordinal));
        inclusion.AssertSuccess();
        Assert.Contains($"Verified: audit entry {read}, as shown, is in the log of", inclusion.Out, StringComparison.Ordinal);
        consistency.AssertSuccess();
        Assert.Contains("Verified: the log of 0 entries is a prefix", consistency.Out, StringComparison.Ordinal);
        // Lao Cai's checkpoint is not one of Yunnan's log: refused, not believed.
        wrongNode.AssertRefused("The checkpoint the gateway gave does not verify");
    }

    /// <summary>The command line, calling as the auditor whose client certificate <see cref="StartGatewayAsync"/> issued, over TLS.</summary>
    private static string[] AsAuditor(Workspace workspace, params string[] args) =>
        [.. args, "--ca", workspace.PathOf("ca.pem"), "--client-cert", workspace.PathOf("auditor.pem"), "--client-key", workspace.PathOf("auditor.key")];

    private static async Task<WebApplication> StartGatewayAsync(Workspace workspace, KeyRing keys, AgreementInForce agreement)
    {
        // TLS with client certificates, as in production: the commands call as an auditor.
        using var authority = DevelopmentCertificates.CreateAuthority("Liaison test CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        using var server = DevelopmentCertificates.CreateServerCertificate(authority, ["localhost"], DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        File.WriteAllText(workspace.PathOf("ca.pem"), authority.ExportCertificatePem() + "\n");
        using (var auditor = ClientCertificates.Issue(authority, new Caller("vn-laocai/auditor-0007", CallerRole.Auditor, ""), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1)))
        {
            DevelopmentCertificates.WritePem(auditor, workspace.PathOf("auditor.pem"), workspace.PathOf("auditor.key"));
        }

        var kek = workspace.PathOf("kek");
        Liaison.Gateway.Protection.KeyEncryptionKeyFile.Create(kek);
        var app = GatewayApplication.Build(new GatewayNodeMaterial(keys, agreement, server, ClientAuthority: authority), new Dictionary<string, string?>
        {
            ["Gateway:ListenAddress"] = "127.0.0.1",
            ["Gateway:Port"] = "0",
            ["Store:Provider"] = nameof(StoreProvider.Sqlite),
            ["Store:DataDirectory"] = Directory.CreateDirectory(workspace.PathOf("data")).FullName,
            ["Access:IntakeUnit"] = "blo-intake",
            ["Protection:KeyEncryptionKeyFile"] = kek,
            ["AuditLog:CheckpointInterval"] = "00:00:00.100",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        try
        {
            await app.StartAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
