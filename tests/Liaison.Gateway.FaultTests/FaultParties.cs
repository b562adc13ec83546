using Google.Protobuf;
using Liaison.Agreement.V1;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;
using Liaison.Testing;
using Org.BouncyCastle.Security;

namespace Liaison.Gateway.FaultTests;

/// <summary>
/// Lao Cai's and Yunnan's node keys under an agreement co-signed by both authorities, in the
/// international suite, effective since yesterday on the real clock. Generated once per run.
/// </summary>
public sealed class FaultParties
{
    public const string LaoCai = LiaisonTopology.LaoCaiNode;
    public const string Yunnan = LiaisonTopology.YunnanNode;
    public const string Passphrase = "fault tests: correct horse battery staple";

    private static readonly Lazy<FaultParties> Shared = new(Generate);

    private FaultParties(AgreementInForce agreement, KeyRing laoCai, KeyRing yunnan)
    {
        Agreement = agreement;
        LaoCaiKeys = laoCai;
        YunnanKeys = yunnan;
    }

    public static FaultParties Instance => Shared.Value;

    public AgreementInForce Agreement { get; }

    public KeyRing LaoCaiKeys { get; }

    public KeyRing YunnanKeys { get; }

    public KeyRing KeysOf(string node) => node == LaoCai ? LaoCaiKeys : YunnanKeys;

    /// <summary>
    /// Writes one node's files as an operator lays them out: the key file and passphrase file
    /// (mode 0600) and the signed agreement in protobuf JSON, as the liaison CLI writes it.
    /// </summary>
    public NodeFiles WriteNodeFiles(string node, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new NodeFiles(
            Path.Combine(directory, node + ".key"),
            Path.Combine(directory, "passphrase"),
            Path.Combine(directory, "agreement.json"),
            Path.Combine(directory, "data"));
        KeyFile.Write(files.KeyFile, KeysOf(node), Passphrase, ScryptCost.Minimum);
        File.WriteAllText(files.PassphraseFile, Passphrase + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(files.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.SetUnixFileMode(files.PassphraseFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var formatter = new JsonFormatter(JsonFormatter.Settings.Default.WithFormatDefaultValues(false).WithIndentation());
        File.WriteAllText(files.AgreementFile, formatter.Format(Agreement.Signed));
        return files;
    }

    private static FaultParties Generate()
    {
        var random = new SecureRandom();
        var laoCai = KeyRing.Generate(LaoCai, KeyRing.NodeAlgorithms(Suite.InternationalV1, false), random);
        var yunnan = KeyRing.Generate(Yunnan, KeyRing.NodeAlgorithms(Suite.InternationalV1, false), random);
        var authorities = new[] { LaoCai, Yunnan }.Select(node => KeyRing.Generate(node, [KeyAlgorithm.Ed25519], random)).ToArray();
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var (from, until) = (now.AddDays(-1), now.AddYears(1));
        var draft = AgreementDraft.Create("laocai-yunnan-fault-tests", from,
        [
            new PartyDraft(LaoCai, new LocalizedName { Vi = "Công an tỉnh Lào Cai", Zh = "老街省公安", En = "Lao Cai Provincial Police" }, "VN",
                authorities[0].ToPublicBundle(from, until), laoCai.ToPublicBundle(from, until)),
            new PartyDraft(Yunnan, new LocalizedName { Vi = "Công an tỉnh Vân Nam", Zh = "云南省公安厅", En = "Yunnan Provincial Public Security Department" }, "CN",
                authorities[1].ToPublicBundle(from, until), yunnan.ToPublicBundle(from, until)),
        ], Suite.InternationalV1, requirePostQuantumSignature: false);
        var signed = AgreementDraft.Freeze(AgreementDraft.AllowAttachments(draft));
        foreach (var authority in authorities)
        {
            signed = AgreementSignatures.AddSignature(signed, authority.Owner, authority.Keys[0], random);
        }

        return new FaultParties(AgreementInForce.Load(signed), laoCai, yunnan);
    }
}

/// <summary>One node's files: key, passphrase, agreement and SQLite data directory.</summary>
public sealed record NodeFiles(string KeyFile, string PassphraseFile, string AgreementFile, string DataDirectory);
