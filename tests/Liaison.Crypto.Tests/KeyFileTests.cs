using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("liaison-keys-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static KeyRing Ring() => KeyRing.Generate("vn-laocai", KeyRing.NodeAlgorithms(Suite.InternationalV1, true), new SecureRandom());

    [Fact]
    public void KeyFileRoundTripsEveryKeyAndIsCreatedOwnerOnly()
    {
        var ring = Ring();
        var path = Path.Combine(directory, "node.key");
        KeyFile.Write(path, ring, "correct horse", ScryptCost.Minimum);

        var loaded = KeyFile.Read(path, "correct horse");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("vn-laocai", loaded.Owner);
        Assert.Equal(ring.Keys.Select(k => Convert.ToHexString(k.KeyId.Span)), loaded.Keys.Select(k => Convert.ToHexString(k.KeyId.Span)));
    }

    [Fact]
    public void KeyFileHoldsNoKeyMaterialInClear()
    {
        var ring = KeyRing.Generate("vn-laocai", [KeyAlgorithm.Ed25519], new SecureRandom());
        var path = Path.Combine(directory, "node.key");
        KeyFile.Write(path, ring, "pw", ScryptCost.Minimum);

        var text = File.ReadAllText(path);
        Assert.DoesNotContain(Convert.ToBase64String(ring.Keys[0].EncodedPrivateKey), text, StringComparison.Ordinal);
        Assert.Contains("\"kdf\": \"scrypt\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongPassphraseIsReportedWithoutLeakingIt()
    {
        var path = Path.Combine(directory, "node.key");
        KeyFile.Write(path, Ring(), "right-passphrase", ScryptCost.Minimum);

        var error = Assert.Throws<KeyFileException>(() => KeyFile.Read(path, "wrong-passphrase"));

        Assert.Equal(KeyFileProblem.WrongPassphrase, error.Problem);
        Assert.DoesNotContain("passphrase-", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.OtherWrite)]
    public void KeyFileAccessibleToOthersIsRefused(UnixFileMode extra)
    {
        var path = Path.Combine(directory, "node.key");
        KeyFile.Write(path, Ring(), "pw", ScryptCost.Minimum);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        var error = Assert.Throws<KeyFileException>(() => KeyFile.Read(path, "pw"));

        Assert.Equal(KeyFileProblem.ReadableByOthers, error.Problem);
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AlteredKeyFileIsRefused()
    {
        var path = Path.Combine(directory, "node.key");
        KeyFile.Write(path, Ring(), "pw", ScryptCost.Minimum);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"owner\": \"vn-laocai\"", "\"owner\": \"cn-yunnan\"", StringComparison.Ordinal));

        Assert.Throws<KeyFileException>(() => KeyFile.Read(path, "pw"));
    }

    [Fact]
    public void KeyFileDeclaringAWeakScryptCostIsRefused()
    {
        var path = Path.Combine(directory, "node.key");
        KeyFile.Write(path, Ring(), "pw", ScryptCost.Minimum);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"log_n\": 14", "\"log_n\": 4", StringComparison.Ordinal));

        Assert.Equal(KeyFileProblem.Corrupt, Assert.Throws<KeyFileException>(() => KeyFile.Read(path, "pw")).Problem);
    }

    [Fact]
    public void WritingAKeyFileWithAWeakScryptCostIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KeyFile.Write(Path.Combine(directory, "weak.key"), Ring(), "pw", new ScryptCost(10, 8, 1)));

    [Fact]
    public void MissingKeyFileIsReportedByName()
    {
        var path = Path.Combine(directory, "absent.key");
        var error = Assert.Throws<KeyFileException>(() => KeyFile.Read(path, "pw"));
        Assert.Equal(KeyFileProblem.NotFound, error.Problem);
        Assert.Contains("absent.key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyIdsAreDerivedFromThePublicKey()
    {
        var key = Ring().Keys[0];
        Assert.Equal(KeyIds.Derive(key.Algorithm, key.PublicKey.Encoded.Span), key.KeyId.ToArray());
        Assert.DoesNotContain(Convert.ToHexString(key.EncodedPrivateKey), key.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
