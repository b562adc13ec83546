using Liaison.Gateway.Exchange;
using Liaison.Gateway.Protection;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Tests.Grpc;
using Liaison.Gateway.Tests.Protection;

namespace Liaison.Gateway.Tests.Messaging;

/// <summary>What a submit leaves in the store, on a real SQLite store with personal columns encrypted.</summary>
public sealed class MessageSubmitterTests : IAsyncLifetime, IDisposable
{
    private readonly NodeDirectory files = new();
    private readonly OutboxSignal signal = new();
    private GatewayStore? store;
    private MessageSubmitter? submitter;

    private StoreOptions Options => new() { DataDirectory = files.DataDirectory };

    public async Task InitializeAsync()
    {
        store = await GatewayStore.OpenAsync(Options, FieldProtection.With(new FixedKeyEncryptionKeys(KeyEncryptionKey.Generate())), TimeProvider.System);
        submitter = new MessageSubmitter(new GatewayNode(NodeDirectory.Agreement, NodeDirectory.LaoCaiKeys, TimeProvider.System), store, signal);
    }

    [Fact]
    public async Task AMessageSentWithoutKeepingItsPayloadHoldsNoPayloadAndNoDataKey()
    {
        var sent = (await submitter!.SubmitAsync(Request("not-kept", keep: false))).Message;

        Assert.Null(sent.Payload);
        Assert.Null((await store!.GetAsync(sent.EnvelopeId))!.Payload);
        // Nothing personal is kept on this side: nothing to encrypt, no key to erase later.
        Assert.Equal([null], await RawDatabase.ColumnAsync(Options, "SELECT payload FROM message_bodies"));
        Assert.Empty(await RawDatabase.ColumnAsync(Options, "SELECT key_id FROM data_keys"));
    }

    [Fact]
    public async Task AMessageSentKeepingItsPayloadHoldsItEncrypted()
    {
        var request = Request("kept", keep: true);

        var sent = (await submitter!.SubmitAsync(request)).Message;

        Assert.Equal(request.Payload.ToArray(), (await store!.GetAsync(sent.EnvelopeId))!.Payload!.Value.ToArray());
        Assert.Single(await RawDatabase.ColumnAsync(Options, "SELECT key_id FROM data_keys"));
    }

    public async Task DisposeAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }
    }

    public void Dispose()
    {
        signal.Dispose();
        files.Dispose();
    }

    private static SubmitRequest Request(string requestId, bool keep) =>
        new(requestId, NodeDirectory.Yunnan, "verification.request", "{\"name\":\"Nguyen Thi A\"}"u8.ToArray())
        {
            CaseReference = "LC-2026-0042",
            CorrelationId = "wf-" + requestId,
            KeepPayload = keep,
        };
}
