using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Liaison.Cli.Options;

namespace Liaison.Cli.Commands;

/// <summary>
/// A deployment's client CA on disk, as <c>liaison ca</c> keeps it in <c>--dir</c>: <c>ca.pem</c> (the
/// certificate gateways trust, Gateway:Tls:ClientCaFile), <c>ca.key</c> (its private key, encrypted
/// with the CA passphrase, mode 0600), <c>crl.pem</c> (the revocation list in force,
/// Gateway:Tls:ClientCrlFile) and <c>issued.tsv</c> (one line per certificate issued: serial, subject,
/// role, unit, not-after), so that a certificate can be revoked by its serial.
/// </summary>
internal sealed class CaDirectory
{
    public const string PassphraseVariable = "LIAISON_CA_PASSPHRASE";
    public const string CertificateFileName = "ca.pem";
    public const string KeyFileName = "ca.key";
    public const string RevocationListFileName = "crl.pem";
    public const string IssuedFileName = "issued.tsv";

    /// <summary>How long a revocation list stays current: gateways warn once it is older, and <c>liaison ca crl</c> renews it.</summary>
    public static readonly TimeSpan RevocationListValidity = TimeSpan.FromDays(7);

    // PBKDF2 with SHA-256 and AES-256 for the CA key: what .NET writes as encrypted PKCS#8.
    private static readonly PbeParameters KeyEncryption = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 600_000);

    private CaDirectory(string path) => Path = path;

    public string Path { get; }

    public string CertificateFile => System.IO.Path.Combine(Path, CertificateFileName);

    public string KeyFile => System.IO.Path.Combine(Path, KeyFileName);

    public string RevocationListFile => System.IO.Path.Combine(Path, RevocationListFileName);

    public string IssuedFile => System.IO.Path.Combine(Path, IssuedFileName);

    public static Option<string> Option() => CliOptions.Required("--dir", "The CA's directory (ca.pem, ca.key, crl.pem, issued.tsv).", "dir");

    public static PassphraseOption Passphrase() => new(PassphraseVariable);

    public static CaDirectory At(string path) => new(path);

    /// <summary>Writes a new CA's certificate, encrypted key (mode 0600) and first, empty revocation list.</summary>
    public void Create(X509Certificate2 authority, ECDsa key, string passphrase, DateTimeOffset now)
    {
        Directory.CreateDirectory(Path);
        foreach (var file in new[] { CertificateFile, KeyFile, RevocationListFile })
        {
            if (File.Exists(file))
            {
                throw new CliException($"'{file}' already exists; a CA is never overwritten. Choose another --dir.");
            }
        }

        WritePrivate(KeyFile, key.ExportEncryptedPkcs8PrivateKeyPem(passphrase, KeyEncryption) + "\n");
        File.WriteAllText(CertificateFile, authority.ExportCertificatePem() + "\n");
        WriteRevocationList(new CertificateRevocationListBuilder(), 0, authority, now);
    }

    /// <summary>The CA certificate with its private key, opened with the passphrase.</summary>
    public X509Certificate2 Open(string passphrase)
    {
        var certificate = ReadCertificate();
        string keyPem;
        try
        {
            keyPem = File.ReadAllText(KeyFile);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"'{KeyFile}' does not exist: is '{Path}' a CA directory made by 'liaison ca init'?", ex);
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportFromEncryptedPem(keyPem, passphrase);
        }
        catch (CryptographicException ex)
        {
            throw new CliException($"The passphrase does not open the CA key '{KeyFile}' (or the file is not an encrypted PKCS#8 key).", ex);
        }

        try
        {
            return certificate.CopyWithPrivateKey(key);
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException($"The key in '{KeyFile}' does not belong to the certificate in '{CertificateFile}'.", ex);
        }
    }

    public X509Certificate2 ReadCertificate()
    {
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(CertificateFile));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"'{CertificateFile}' does not exist: is '{Path}' a CA directory made by 'liaison ca init'?", ex);
        }
    }

    /// <summary>The entries of the revocation list in force and its number.</summary>
    public (CertificateRevocationListBuilder Builder, BigInteger Number) ReadRevocationList()
    {
        var builder = CertificateRevocationListBuilder.LoadPem(File.ReadAllText(RevocationListFile), out var number);
        return (builder, number);
    }

    /// <summary>Signs the next revocation list (number + 1, current for <see cref="RevocationListValidity"/>) and replaces crl.pem in one rename.</summary>
    public void WriteRevocationList(CertificateRevocationListBuilder builder, BigInteger previous, X509Certificate2 authority, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var crl = builder.Build(authority, previous + 1, now.Add(RevocationListValidity), HashAlgorithmName.SHA256, thisUpdate: now);
        var next = RevocationListFile + ".next";
        File.WriteAllText(next, PemEncoding.WriteString("X509 CRL", crl) + "\n");
        // A gateway re-reads the list when it changes: it must never see half of one.
        File.Move(next, RevocationListFile, overwrite: true);
    }

    public void RecordIssued(X509Certificate2 certificate, string subject, string role, string unit) =>
        File.AppendAllText(IssuedFile, string.Join('\t', certificate.SerialNumber, subject, role, unit.Length == 0 ? "-" : unit,
            certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)) + "\n");

    /// <summary>Writes a file only its owner can read (mode 0600), refusing to overwrite one.</summary>
    public static void WritePrivate(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
            writer.Write(text);
        }
        catch (IOException ex) when (File.Exists(path))
        {
            throw new CliException($"'{path}' already exists; it is never overwritten.", ex);
        }
    }
}
