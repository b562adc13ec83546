using Google.Protobuf;
using Liaison.Agreement.V1;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;
using Org.BouncyCastle.Security;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>
/// Lao Cai's files as an operator lays them out: its key file and passphrase file (mode
/// 0600), the co-signed agreement in protobuf JSON, and a data directory, in a temporary
/// directory. Keys and agreement are generated once per run, valid from a day ago for
/// two years on the system clock, with a 64 KiB message limit so that an oversized
/// payload is cheap to send.
/// </summary>
public sealed class NodeDirectory : IDisposable
{
    public const string LaoCai = "vn-laocai";
    public const string Yunnan = "cn-yunnan";
    public const ulong MaxMessageBytes = 64 * 1024;
    public const string Passphrase = "correct horse battery staple";

    private static readonly Lazy<Parties> Shared = new(Generate);

    public NodeDirectory(bool coSigned = true)
    {
        Root = Directory.CreateTempSubdirectory("liaison-gateway-").FullName;
        KeyFile = Path.Combine(Root, "vn-laocai.key");
        PassphraseFile = Path.Combine(Root, "passphrase");
        AgreementFile = Path.Combine(Root, "agreement.json");
        DataDirectory = Path.Combine(Root, "data");
        ClientCaFile = Path.Combine(Root, "client-ca.pem");
        Liaison.Gateway.FaultTests.TestClientAuthority.WriteAuthorityPem(ClientCaFile);
        KeyEncryptionKeyFile = Path.Combine(Root, "kek");
        Gateway.Protection.KeyEncryptionKeyFile.Create(KeyEncryptionKeyFile);
        Crypto.Keys.KeyFile.Write(KeyFile, Shared.Value.LaoCai, Passphrase, ScryptCost.Minimum);
        File.WriteAllText(PassphraseFile, Passphrase + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(PassphraseFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.WriteAllText(AgreementFile, JsonFormatter.Default.Format(coSigned ? Shared.Value.Agreement.Signed : Shared.Value.HalfSigned));
    }

    public string Root { get; }

    public string KeyFile { get; }

    public string PassphraseFile { get; }

    public string AgreementFile { get; }

    public string DataDirectory { get; }

    /// <summary>The test deployment CA's certificate (<see cref="Liaison.Gateway.FaultTests.TestClientAuthority"/>), which issues the callers' client certificates.</summary>
    public string ClientCaFile { get; }

    /// <summary>The key-encryption key of the store's field-level encryption (mode 0600).</summary>
    public string KeyEncryptionKeyFile { get; }

    public static AgreementInForce Agreement => Shared.Value.Agreement;

    public static KeyRing LaoCaiKeys => Shared.Value.LaoCai;

    /// <summary>Yunnan's sealer, to make envelopes that Lao Cai receives.</summary>
    public static EnvelopeSealer YunnanSealer(TimeProvider time) => new(Shared.Value.Agreement, Shared.Value.Yunnan, time);

    /// <summary>
    /// The settings of a gateway for Lao Cai on these files, plaintext (TestServer has no TLS; its
    /// test connections carry the client certificate themselves, see <see cref="GatewayFactory.ChannelFor"/>),
    /// with the test CA as the client CA.
    /// </summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Gateway:NodeId"] = LaoCai,
        ["Gateway:KeyFile"] = KeyFile,
        ["Gateway:PassphraseFile"] = PassphraseFile,
        ["Gateway:AgreementFile"] = AgreementFile,
        ["Gateway:AllowPlaintextForDevelopment"] = "true",
        ["Gateway:Tls:ClientCaFile"] = ClientCaFile,
        ["Store:Provider"] = "Sqlite",
        ["Store:DataDirectory"] = DataDirectory,
        ["Protection:KeyEncryptionKeyFile"] = KeyEncryptionKeyFile,
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Root, recursive: true);
    }

    private static Parties Generate()
    {
        var random = new SecureRandom();
        var laoCai = KeyRing.Generate(LaoCai, KeyRing.NodeAlgorithms(Suite.InternationalV1, false), random);
        var yunnan = KeyRing.Generate(Yunnan, KeyRing.NodeAlgorithms(Suite.InternationalV1, false), random);
        var authorities = new[] { LaoCai, Yunnan }.Select(node => KeyRing.Generate(node, [KeyAlgorithm.Ed25519], random)).ToArray();
        var now = DateTimeOffset.UtcNow;
        var (from, until) = (now.AddDays(-1), now.AddYears(2));
        var draft = AgreementDraft.Create("laocai-yunnan-blo", from,
        [
            new PartyDraft(LaoCai, new LocalizedName { Vi = "Công an tỉnh Lào Cai", Zh = "老街省公安", En = "Lao Cai Provincial Police" }, "VN", authorities[0].ToPublicBundle(from, until), laoCai.ToPublicBundle(from, until)),
            new PartyDraft(Yunnan, new LocalizedName { Vi = "Công an tỉnh Vân Nam", Zh = "云南省公安厅", En = "Yunnan Provincial Public Security Department" }, "CN", authorities[1].ToPublicBundle(from, until), yunnan.ToPublicBundle(from, until)),
        ], Suite.InternationalV1, requirePostQuantumSignature: false);
        draft.MaxMessageBytes = MaxMessageBytes;
        var halfSigned = AgreementSignatures.AddSignature(AgreementDraft.Freeze(AgreementDraft.AllowMessageTypes(AgreementDraft.AllowAttachments(draft), Liaison.Workflows.WorkflowEvents.MessageTypes)), LaoCai, authorities[0].Keys[0], random);
        var signed = AgreementSignatures.AddSignature(halfSigned, Yunnan, authorities[1].Keys[0], random);
        return new Parties(AgreementInForce.Load(signed), halfSigned, laoCai, yunnan);
    }

    private sealed record Parties(AgreementInForce Agreement, SignedAgreement HalfSigned, KeyRing LaoCai, KeyRing Yunnan);
}
