using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Liaison.Gateway.Security;

namespace Liaison.Cli.Tests;

/// <summary>
/// <c>liaison ca</c>: a client CA whose key is encrypted at rest, certificates that the gateway reads
/// as the caller they were issued for, and revocations that land in a CRL signed by the CA.
/// </summary>
public sealed partial class CaCommandTests : IDisposable
{
    private const string CaPassphrase = "ca: correct horse battery staple";
    private readonly Workspace workspace = new();
    private readonly string ca;
    private readonly string passphraseFile;

    public CaCommandTests()
    {
        ca = workspace.PathOf("ca");
        passphraseFile = workspace.WriteSecretFile("ca-passphrase", CaPassphrase + "\n");
    }

    [Fact]
    public void AnIssuedCertificateNamesItsCallerChainsToTheCaAndItsKeyIsOnlyTheOwnersAndTheCaKeyIsEncrypted()
    {
        workspace.Run("ca", "init", "--dir", ca, "--name", "Lao Cai liaison gateway clients", "--passphrase-file", passphraseFile).AssertSuccess();

        var issue = workspace.Run("ca", "issue", "--dir", ca, "--role", "officer", "--subject", "vn-laocai/officer-0042", "--unit", "bat-xat-police",
            "--out", workspace.PathOf("officer"), "--passphrase-file", passphraseFile);

        issue.AssertSuccess();
        issue.AssertField("Role", "officer");
        using var certificate = X509Certificate2.CreateFromPemFile(workspace.PathOf("officer.pem"), workspace.PathOf("officer.key"));
        Assert.Equal(new Caller("vn-laocai/officer-0042", CallerRole.Officer, "bat-xat-police"), ClientCertificates.CallerOf(certificate));
        Assert.Contains(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.2");
        Assert.InRange(certificate.NotAfter.ToUniversalTime(), DateTime.UtcNow.AddDays(29), DateTime.UtcNow.AddDays(31));
        using var authority = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(ca, "ca.pem")));
        using var chain = new X509Chain { ChainPolicy = { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck, CustomTrustStore = { authority } } };
        Assert.True(chain.Build(certificate), string.Join(", ", chain.ChainStatus.Select(s => s.Status)));
        issue.AssertField("Serial", certificate.SerialNumber);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(workspace.PathOf("officer.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(ca, "ca.key")));
        var caKey = File.ReadAllText(Path.Combine(ca, "ca.key"));
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", caKey, StringComparison.Ordinal);
        using var wrong = ECDsa.Create();
        Assert.ThrowsAny<CryptographicException>(() => wrong.ImportFromEncryptedPem(caKey, "not the passphrase"));
        Assert.Contains($"{certificate.SerialNumber}\tvn-laocai/officer-0042\tofficer\tbat-xat-police\t", File.ReadAllText(Path.Combine(ca, "issued.tsv")), StringComparison.Ordinal);
        Assert.All(workspace.History, r => Assert.DoesNotContain(CaPassphrase, r.Out + r.Error, StringComparison.Ordinal));
    }

    [Fact]
    public void ARevokedSerialIsInTheNextRevocationListWhichTheCaSigned()
    {
        workspace.Environment["LIAISON_CA_PASSPHRASE"] = CaPassphrase;
        workspace.Run("ca", "init", "--dir", ca, "--name", "Yunnan liaison gateway clients").AssertSuccess();
        workspace.Run("ca", "issue", "--dir", ca, "--role", "auditor", "--subject", "cn-yunnan/auditor-7", "--out", workspace.PathOf("auditor")).AssertSuccess();
        workspace.Run("ca", "issue", "--dir", ca, "--role", "supervisor", "--subject", "cn-yunnan/supervisor-1", "--unit", "hekou-blo", "--out", workspace.PathOf("supervisor")).AssertSuccess();
        using var auditor = X509Certificate2.CreateFromPem(File.ReadAllText(workspace.PathOf("auditor.pem")));
        using var supervisor = X509Certificate2.CreateFromPem(File.ReadAllText(workspace.PathOf("supervisor.pem")));
        var authorities = new X509Certificate2Collection(X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(ca, "ca.pem"))));
        Assert.Equal(0, ClientRevocationList.Read(File.ReadAllBytes(Path.Combine(ca, "crl.pem")), authorities).Count);

        var revoke = workspace.Run("ca", "revoke", auditor.SerialNumber, "--dir", ca);

        revoke.AssertSuccess();
        var list = ClientRevocationList.Read(File.ReadAllBytes(Path.Combine(ca, "crl.pem")), authorities);
        Assert.True(list.Revokes(auditor));
        Assert.False(list.Revokes(supervisor));

        var renewed = workspace.Run("ca", "crl", "--dir", ca, "--out", workspace.PathOf("gateway.crl"));
        renewed.AssertSuccess();
        Assert.True(ClientRevocationList.Read(File.ReadAllBytes(workspace.PathOf("gateway.crl")), authorities).Revokes(auditor));
        Assert.Matches(RevocationListNumber(), renewed.Out);
    }

    [Fact]
    public void AWrongPassphraseAndABadRoleAreRefusedWithASentence()
    {
        workspace.Run("ca", "init", "--dir", ca, "--name", "Lao Cai", "--passphrase-file", passphraseFile).AssertSuccess();
        var wrong = workspace.WriteSecretFile("wrong", "nope\n");

        workspace.Run("ca", "issue", "--dir", ca, "--role", "officer", "--subject", "vn-laocai/o-1", "--unit", "u", "--out", workspace.PathOf("o"), "--passphrase-file", wrong)
            .AssertRefused("The passphrase does not open the CA key");
        workspace.Run("ca", "issue", "--dir", ca, "--role", "chief", "--subject", "vn-laocai/o-1", "--out", workspace.PathOf("o"), "--passphrase-file", passphraseFile)
            .AssertUsageError("'chief' is not a role");
        workspace.Run("ca", "issue", "--dir", ca, "--role", "officer", "--subject", "vn-laocai/o-1", "--out", workspace.PathOf("o"), "--passphrase-file", passphraseFile)
            .AssertUsageError("An officer or partner system belongs to a unit: give --unit.");
        workspace.Run("ca", "init", "--dir", ca, "--name", "again", "--passphrase-file", passphraseFile).AssertRefused("already exists");
        Assert.False(File.Exists(workspace.PathOf("o.key")));
    }

    public void Dispose() => workspace.Dispose();

    [GeneratedRegex(@"(?m)^ *Revocation list: .*\(number 3\)\s*$")]
    private static partial Regex RevocationListNumber();
}
