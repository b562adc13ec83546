using Google.Protobuf;
using Grpc.Core;
using Liaison.Envelope.V1;
using Liaison.Gateway.Auditing;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Grpc;
using Liaison.Gateway.Grpc.Internal;
using Liaison.Gateway.Security;
using Liaison.Gateway.Storage;
using Liaison.Gateway.V1;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>The service class called directly, on a real SQLite store, without a host.</summary>
public sealed class GatewayApiUnitTests : IAsyncLifetime, IDisposable
{
    private readonly NodeDirectory files = new();
    private readonly OutboxSignal signal = new();
    private GatewayStore? store;
    private GatewayApi? api;

    public async Task InitializeAsync()
    {
        store = await GatewayStore.OpenAsync(new StoreOptions { DataDirectory = files.DataDirectory }, TimeProvider.System);
        var node = new GatewayNode(NodeDirectory.Agreement, NodeDirectory.LaoCaiKeys, TimeProvider.System);
        var access = new CaseAccessGuard(node, store, new AuditTrail(store, AuditPseudonyms.FromNodeKeys(NodeDirectory.LaoCaiKeys)),
            Microsoft.Extensions.Options.Options.Create(new AccessOptions()), TimeProvider.System, NullLogger<CaseAccessGuard>.Instance);
        api = new GatewayApi(node, new MessageSubmitter(node, store, signal), store, new InboxNotifier(), access, NullLogger<GatewayApi>.Instance);
    }

    [Fact]
    public async Task UnspecifiedPriorityIsSubmittedAsRoutine()
    {
        var response = await api!.SubmitMessage(
            new SubmitMessageRequest { RequestId = "unit-1", RecipientNode = NodeDirectory.Yunnan, MessageType = "verification.request", Payload = ByteString.CopyFromUtf8("x") },
            new TestCallContext());

        Assert.Equal(Priority.Routine, response.Message.Priority);
        Assert.Equal(V1.MessageState.Sealed, response.Message.State);
    }

    [Fact]
    public async Task AnUnknownMessageThrowsTheStoreExceptionThatTheInterceptorMaps()
    {
        var name = "messages/" + Guid.CreateVersion7().ToString("D");

        var error = await Assert.ThrowsAsync<MessageNotFoundException>(() => api!.GetMessage(new GetMessageRequest { Name = name }, new TestCallContext()));

        Assert.Equal(StatusCode.NotFound, ErrorMapper.Map(error, out var unexpected).StatusCode);
        Assert.False(unexpected);
    }

    [Fact]
    public void UnexpectedErrorsBecomeInternalWithoutTheirDetails()
    {
        var mapped = ErrorMapper.Map(new InvalidOperationException("Host=db;Password=hunter2"), out var unexpected);

        Assert.True(unexpected);
        Assert.Equal(StatusCode.Internal, mapped.StatusCode);
        Assert.DoesNotContain("hunter2", mapped.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ANegativePageSizeIsAFieldViolation()
    {
        var error = Assert.Throws<InvalidRequestException>(() => PageSizes.Resolve(-1));

        Assert.Equal("page_size", Assert.Single(error.Violations).Field);
        Assert.Equal(InboxQuery.MaxPageSize, PageSizes.Resolve(10_000));
        Assert.Equal(PageSizes.Default, PageSizes.Resolve(0));
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
}
