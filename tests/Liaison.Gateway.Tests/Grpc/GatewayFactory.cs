using Grpc.Net.Client;
using Liaison.Crypto.Envelopes;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Liaison.Gateway.V1;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>
/// A real gateway (Program, its options, node loading, SQLite store, messaging and gRPC
/// API) on TestServer, reached through a real GrpcChannel. No broker is configured, so
/// messaging runs on MassTransit's in-memory transport with no partner behind it: sent
/// messages get as far as published. Inbound messages are recorded through the store and
/// the notifier, as the consumer does, without a second gateway.
/// </summary>
public sealed class GatewayFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    private GrpcChannel? channel;
    private long sequence;

    public GrpcChannel Channel => channel ??= GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });

    public LiaisonGatewayService.LiaisonGatewayServiceClient Client => new(Channel);

    public IGatewayStore Store => Services.GetRequiredService<IGatewayStore>();

    public IInboxNotifications Inbox => Services.GetRequiredService<IInboxNotifications>();

    public GatewayNode Node => Services.GetRequiredService<GatewayNode>();

    /// <summary>
    /// An envelope from Yunnan arrives as the consumer handles it: opened by this node's
    /// opener, recorded in the store, then announced to the inbox streams.
    /// </summary>
    public async Task<MessageRecord> RecordInboundAsync(byte[] payload)
    {
        var envelope = NodeDirectory.YunnanSealer(TimeProvider.System).Seal(
            new SealRequest(NodeDirectory.LaoCai, "verification.request", payload) { CaseReference = "YN-2026-0107", Sequence = (ulong)Interlocked.Increment(ref sequence) });
        var opened = Node.Opener.Open(envelope.Bytes);
        Assert.True(InboundRecord.TryFrom(opened, envelope.Bytes, out var record));
        var result = await Store.RecordInboundAsync(record, null);
        Inbox.MessageRecorded(result.Message);
        return result.Message;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
    }

    protected override void Dispose(bool disposing)
    {
        channel?.Dispose();
        base.Dispose(disposing);
    }
}
