using Liaison.Gateway.Protection;

namespace Liaison.Gateway.Tests.Protection;

/// <summary>Where the KEK comes from, and the sentences that refuse a bad one at start-up. File modes are Unix ones.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyEncryptionKeyFileTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("liaison-kek-").FullName;

    [Fact]
    public void AKekFileIsWrittenForItsOwnerOnlyAndReadsBackTheSameKey()
    {
        var path = Path.Combine(root, "kek");
        var written = KeyEncryptionKeyFile.Create(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(written.Id, KeyEncryptionKeyFile.Read(path).Id);
        Assert.Matches("^kek-[0-9a-f]{16}$", written.Id);
        Assert.Equal(written.Id, written.ToString());
        Assert.Throws<IOException>(() => KeyEncryptionKeyFile.Create(path));
    }

    [Fact]
    public void AKekFileReadableByOthersIsRefusedWithASentence()
    {
        var path = Path.Combine(root, "kek");
        var key = KeyEncryptionKeyFile.Create(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<DataProtectionException>(() => KeyEncryptionKeyFile.Read(path));
        Assert.Equal($"The key-encryption key file '{path}' is readable or writable by other users; run 'chmod 600 {path}' and try again.", error.Message);
        var problems = Problems(new ProtectionOptions { KeyEncryptionKeyFile = path });
        Assert.Equal([error.Message], problems);
        Assert.DoesNotContain(key.ToText(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingOrMalformedKekIsRefusedWithASentenceNamingWhereItWasLookedFor()
    {
        Assert.Equal(
            ["No key-encryption key was given: set Protection:KeyEncryptionKeyFile to a key file (mode 0600; 'liaison keys kek' writes one) or the environment variable LIAISON_KEY_ENCRYPTION_KEY."],
            Problems(new ProtectionOptions()));
        var missing = Path.Combine(root, "nowhere");
        Assert.Equal([$"The key-encryption key file '{missing}' does not exist."], Problems(new ProtectionOptions { KeyEncryptionKeyFile = missing }));
        Assert.Equal(
            ["The environment variable LIAISON_KEY_ENCRYPTION_KEY does not hold a key-encryption key: it must be the base64 of 32 random bytes, as 'liaison keys kek' writes."],
            Problems(new ProtectionOptions(), _ => "c2hvcnQ="));
        Assert.Equal(
            ["Protection:MaintenanceInterval must be a positive duration.", "Protection:MaintenanceBatchSize must be between 1 and 10000."],
            Problems(new ProtectionOptions { MaintenanceInterval = TimeSpan.Zero, MaintenanceBatchSize = 0 }, _ => KeyEncryptionKey.Generate().ToText()));
    }

    [Fact]
    public void APreviousKekFileIsCheckedLikeTheCurrentOne()
    {
        var current = Path.Combine(root, "kek");
        KeyEncryptionKeyFile.Create(current);
        var previous = Path.Combine(root, "kek.previous");

        Assert.Equal([$"The key-encryption key file '{previous}' does not exist."], Problems(new ProtectionOptions { KeyEncryptionKeyFile = current, PreviousKeyEncryptionKeyFiles = [previous] }));
    }

    [Fact]
    public void AWrappedDataKeyOpensOnlyUnderItsKekAndItsOwnId()
    {
        var kek = KeyEncryptionKey.Generate();
        var dataKey = new byte[32];
        Random.Shared.NextBytes(dataKey);
        var id = Guid.NewGuid();

        var wrapped = kek.Wrap(dataKey, id);

        Assert.Equal(dataKey, kek.TryUnwrap(wrapped, id));
        Assert.Null(kek.TryUnwrap(wrapped, Guid.NewGuid()));
        Assert.Null(KeyEncryptionKey.Generate().TryUnwrap(wrapped, id));
        Assert.False(wrapped.AsSpan().IndexOf(dataKey) >= 0);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static List<string> Problems(ProtectionOptions options, Func<string, string?>? environment = null)
    {
        var result = new ProtectionOptionsValidator(environment ?? (_ => null)).Validate(null, options);
        return result.Failed ? result.Failures.ToList() : [];
    }
}
