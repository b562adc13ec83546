using System.Security.Cryptography.X509Certificates;
using Liaison.Cli.Commands;
using Liaison.Gateway.Security;

namespace Liaison.Cli.Demo;

/// <summary>One identity the demo plays: who, and its client certificate and key files.</summary>
internal sealed record DemoClient(Caller Caller, string CertificatePath, string KeyPath)
{
    /// <summary>The certificate with its key, as a channel presents it.</summary>
    public X509Certificate2 Load() => Options.GatewayConnection.ReadClientCertificate(CertificatePath, KeyPath);

    /// <summary>The options that make a CLI command call as this identity.</summary>
    public string Arguments => $"--client-cert {CertificatePath} --client-key {KeyPath}";
}

/// <summary>
/// The officers the demo plays, one per side, with client certificates from the demo's CA written to
/// <c>DIR/clients/&lt;node-id&gt;-officer.pem</c> and <c>.key</c> (mode 0600), so that the CLI can go on
/// as them after the walk-through. Issued again on every run, as the CA is new on every run.
/// </summary>
internal sealed record DemoClients(DemoClient LaoCai, DemoClient Yunnan)
{
    /// <summary>The unit of both demo officers, which also takes in the partner's cases (Access:IntakeUnit).</summary>
    public const string Unit = "border-liaison";

    public const string DirectoryName = "clients";

    private static readonly TimeSpan Validity = TimeSpan.FromDays(30);

    public DemoClient For(string nodeId) => nodeId == LaoCai.Caller.SubjectId.Split('/')[0] ? LaoCai : Yunnan;

    public static DemoClients Issue(string dataDirectory, X509Certificate2 authority, string laoCaiNode, string yunnanNode, DateTimeOffset now)
    {
        var directory = Directory.CreateDirectory(Path.Combine(dataDirectory, DirectoryName)).FullName;
        return new DemoClients(
            Write(directory, authority, new Caller($"{laoCaiNode}/officer-demo", CallerRole.Officer, Unit), laoCaiNode, now),
            Write(directory, authority, new Caller($"{yunnanNode}/officer-demo", CallerRole.Officer, Unit), yunnanNode, now));
    }

    private static DemoClient Write(string directory, X509Certificate2 authority, Caller caller, string nodeId, DateTimeOffset now)
    {
        var (certificatePath, keyPath) = (Path.Combine(directory, nodeId + "-officer.pem"), Path.Combine(directory, nodeId + "-officer.key"));
        using var issued = ClientCertificates.Issue(authority, caller, now.AddMinutes(-5), now.Add(Validity));
        using var key = issued.GetECDsaPrivateKey()!;
        // A previous run's pair is replaced: it was issued by that run's CA.
        File.Delete(keyPath);
        CaDirectory.WritePrivate(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        File.WriteAllText(certificatePath, issued.ExportCertificatePem() + "\n");
        return new DemoClient(caller, certificatePath, keyPath);
    }
}
