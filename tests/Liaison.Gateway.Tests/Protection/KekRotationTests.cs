using Liaison.Gateway.Grpc.Internal;
using Liaison.Gateway.Protection;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Tests.Grpc;
using Liaison.Gateway.V1;
using Liaison.Testing;

namespace Liaison.Gateway.Tests.Protection;

/// <summary>
/// KEK rotation on a running gateway, as an operator does it with files: the old key moves to
/// the previous-KEK file and a new one becomes current; the gateway picks the change up
/// without a restart, its rewrap job moves every data key to the new KEK while the API goes on
/// serving, and the old KEK can then be removed: a gateway restarted without it reads everything.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KekRotationTests : IDisposable
{
    private readonly NodeDirectory files = new();

    [Fact]
    public async Task TheKekRotatesWhileTheGatewayServesAndTheOldOneCanThenBeRemoved()
    {
        var previousFile = Path.Combine(files.Root, "kek.previous");
        // Until the first rotation the previous-KEK file holds a key that wraps nothing.
        KeyEncryptionKeyFile.Create(previousFile);
        var settings = files.Settings();
        settings["Protection:PreviousKeyEncryptionKeyFiles:0"] = previousFile;
        settings["Protection:MaintenanceInterval"] = "00:00:00.100";
        var store = new StoreOptions { Provider = StoreProvider.Sqlite, DataDirectory = files.DataDirectory };
        var payloads = new[] { "first, under the old KEK"u8.ToArray(), "second, during the rotation"u8.ToArray() };
        var names = new List<string>();

        var oldKek = KeyEncryptionKeyFile.Read(files.KeyEncryptionKeyFile);
        KeyEncryptionKey newKek;
        using (var gateway = new GatewayFactory(settings))
        {
            names.Add(MessageNames.Format((await gateway.RecordInboundAsync(payloads[0])).EnvelopeId));
            Assert.Equal([oldKek.Id], await KekIdsAsync(store));

            // Rotation by files: the old key becomes the previous one (the file keeps its 0600 mode), a new one current.
            await File.WriteAllTextAsync(previousFile, oldKek.ToText() + "\n");
            File.Delete(files.KeyEncryptionKeyFile);
            newKek = KeyEncryptionKeyFile.Create(files.KeyEncryptionKeyFile);

            // The API serves throughout, while the rewrap job moves the data key.
            await Polling.UntilAsync(
                async () =>
                {
                    await AssertReadableAsync(gateway, names, payloads);
                    return (await KekIdsAsync(store)).All(id => id == newKek.Id);
                },
                TimeSpan.FromSeconds(30),
                "every data key rewrapped to the new KEK");
            names.Add(MessageNames.Format((await gateway.RecordInboundAsync(payloads[1])).EnvelopeId));
            await AssertReadableAsync(gateway, names, payloads);
            Assert.Equal([newKek.Id], await KekIdsAsync(store));

            var audit = await gateway.Store.ReadAuditAsync(1, 10_000);
            var rewrapped = Assert.Single(audit, e => e.EventType == AuditEventType.DataKeysRewrapped);
            Assert.Contains($"from key-encryption key {oldKek.Id} to {newKek.Id}", rewrapped.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(oldKek.ToText(), rewrapped.Detail, StringComparison.Ordinal);

            // The old KEK goes: the previous-KEK file now holds an unrelated key.
            await File.WriteAllTextAsync(previousFile, KeyEncryptionKey.Generate().ToText() + "\n");
            await AssertReadableAsync(gateway, names, payloads);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var restarted = new GatewayFactory(settings);
        await AssertReadableAsync(restarted, names, payloads);
        Assert.Equal([newKek.Id], await KekIdsAsync(store));
    }

    public void Dispose() => files.Dispose();

    private static async Task AssertReadableAsync(GatewayFactory gateway, List<string> names, byte[][] payloads)
    {
        for (var i = 0; i < names.Count; i++)
        {
            var fetched = await gateway.Client.FetchMessageAsync(new FetchMessageRequest { Name = names[i] });
            Assert.Equal(payloads[i], fetched.Payload.ToByteArray());
        }
    }

    private static async Task<List<string>> KekIdsAsync(StoreOptions store) =>
        (await RawDatabase.ColumnAsync(store, "SELECT DISTINCT kek_id FROM data_keys")).Cast<string>().ToList();
}
