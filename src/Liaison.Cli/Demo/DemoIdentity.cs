using System.Security.Cryptography;
using Liaison.Cli.Files;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Keys;
using Org.BouncyCastle.Security;

namespace Liaison.Cli.Demo;

/// <summary>
/// The demo nodes' keys and co-signed agreement, kept in the data directory so that a
/// second run on the same <c>--data-dir</c> is the same two nodes: <c>agreement.json</c>, and
/// per node <c>NODE/node.key</c> with its passphrase in <c>NODE/passphrase</c> (both mode 0600),
/// laid out as a real gateway reads them. Demo material only: the passphrase sits beside the key.
/// </summary>
internal sealed record DemoIdentity(AgreementInForce Agreement, KeyRing LaoCai, KeyRing Yunnan, bool Reused)
{
    public const string AgreementFileName = "agreement.json";
    public const string KeyFileName = "node.key";
    public const string PassphraseFileName = "passphrase";

    public static DemoIdentity LoadOrCreate(string dataDirectory, TimeProvider time)
    {
        var agreementPath = Path.Combine(dataDirectory, AgreementFileName);
        if (File.Exists(agreementPath))
        {
            return new DemoIdentity(AgreementFiles.LoadInForce(agreementPath), ReadKeys(dataDirectory, DemoParties.LaoCaiNode), ReadKeys(dataDirectory, DemoParties.YunnanNode), Reused: true);
        }

        var random = new SecureRandom();
        var parties = DemoParties.Create(time.GetUtcNow(), random);
        var agreement = parties.CoSign(random);
        WriteKeys(dataDirectory, parties.LaoCai);
        WriteKeys(dataDirectory, parties.Yunnan);
        ProtoJsonFile.Write(agreementPath, agreement.Signed);
        return new DemoIdentity(agreement, parties.LaoCai, parties.Yunnan, Reused: false);
    }

    public static string NodeDirectory(string dataDirectory, string nodeId) => Path.Combine(dataDirectory, nodeId);

    private static KeyRing ReadKeys(string dataDirectory, string nodeId)
    {
        var directory = NodeDirectory(dataDirectory, nodeId);
        var passphrase = File.ReadAllText(Path.Combine(directory, PassphraseFileName)).TrimEnd('\r', '\n');
        return KeyFile.Read(Path.Combine(directory, KeyFileName), passphrase);
    }

    private static void WriteKeys(string dataDirectory, KeyRing keys)
    {
        var directory = Directory.CreateDirectory(NodeDirectory(dataDirectory, keys.Owner)).FullName;
        var passphrase = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(Path.Combine(directory, PassphraseFileName), System.Text.Encoding.ASCII, options))
        {
            writer.Write(passphrase + "\n");
        }

        // The minimum cost: the passphrase lies next to the key anyway, and the demo should start quickly.
        // Deleted first: a run stopped half-way may have left one behind.
        var keyPath = Path.Combine(directory, KeyFileName);
        File.Delete(keyPath);
        KeyFile.Write(keyPath, keys, passphrase, ScryptCost.Minimum);
    }
}
