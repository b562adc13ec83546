using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Liaison.Crypto.Envelopes;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.FaultTests;
using Liaison.Gateway.Security;
using Liaison.Gateway.Storage;
using Liaison.Gateway.V1;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
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
/// <para>
/// TestServer has no TLS, so a test connection carries its client certificate itself (as
/// Kestrel puts the one from the TLS handshake on the connection), issued by the test
/// deployment CA that the gateway trusts: the gateway's certificate authentication and
/// per-RPC policies run as in production. <see cref="Channel"/> calls as
/// <see cref="TestClientAuthority.Supervisor"/>; <see cref="ChannelFor(Caller?)"/> as anyone.
/// </para>
/// </summary>
public sealed class GatewayFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    private static readonly Uri Https = new("https://localhost/");
    private readonly ConcurrentDictionary<Caller, GrpcChannel> callers = new();
    private readonly List<GrpcChannel> others = [];
    private GrpcChannel? anonymous;
    private long sequence;

    /// <summary>A channel calling as <see cref="TestClientAuthority.Supervisor"/>, who may call every message, workflow and attachment RPC.</summary>
    public GrpcChannel Channel => ChannelFor(TestClientAuthority.Supervisor);

    public LiaisonGatewayService.LiaisonGatewayServiceClient Client => new(Channel);

    public IGatewayStore Store => Services.GetRequiredService<IGatewayStore>();

    public IInboxNotifications Inbox => Services.GetRequiredService<IInboxNotifications>();

    public GatewayNode Node => Services.GetRequiredService<GatewayNode>();

    /// <summary>A channel whose calls come from <paramref name="caller"/>, with a client certificate the test CA issued; null for an anonymous caller (no certificate).</summary>
    public GrpcChannel ChannelFor(Caller? caller) => caller is null
        ? anonymous ??= Open(HandlerFor(certificate: null))
        : callers.GetOrAdd(caller, c => Open(HandlerFor(TestClientAuthority.CertificateFor(c))));

    /// <summary>A channel presenting <paramref name="certificate"/> as it is (another CA's, expired, revoked...); dispose it with the factory.</summary>
    public GrpcChannel ChannelWith(X509Certificate2 certificate)
    {
        var channel = Open(HandlerFor(certificate));
        lock (others)
        {
            others.Add(channel);
        }

        return channel;
    }

    /// <summary>A handler of this TestServer whose connections come from <paramref name="caller"/>; <paramref name="configure"/> may set more of the connection, e.g. its remote address.</summary>
    public HttpMessageHandler HandlerFor(Caller? caller, Action<HttpContext>? configure = null) =>
        HandlerFor(caller is null ? null : TestClientAuthority.CertificateFor(caller), configure);

    /// <summary>A channel to this TestServer over <paramref name="handler"/>, addressed as https so that the request counts as TLS.</summary>
    public static GrpcChannel Open(HttpMessageHandler handler) =>
        GrpcChannel.ForAddress(Https, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });

    /// <summary>
    /// An envelope from Yunnan arrives as the consumer handles it: opened by this node's
    /// opener, recorded in the store, then announced to the inbox streams.
    /// </summary>
    public async Task<MessageRecord> RecordInboundAsync(byte[] payload, string messageType = "verification.request")
    {
        var envelope = NodeDirectory.YunnanSealer(TimeProvider.System).Seal(
            new SealRequest(NodeDirectory.LaoCai, messageType, payload) { CaseReference = "YN-2026-0107", Sequence = (ulong)Interlocked.Increment(ref sequence) });
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
        foreach (var channel in callers.Values.Concat(others).Append(anonymous).OfType<GrpcChannel>())
        {
            channel.Dispose();
        }

        base.Dispose(disposing);
    }

    private HttpMessageHandler HandlerFor(X509Certificate2? certificate, Action<HttpContext>? configure = null) =>
        Server.CreateHandler(http =>
        {
            http.Request.Scheme = "https";
            http.Connection.ClientCertificate = certificate;
            configure?.Invoke(http);
        });
}
