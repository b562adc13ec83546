using System.Net;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Liaison.Gateway.V1;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>
/// The per-client rate limit through the real stack: a client over its burst gets
/// RESOURCE_EXHAUSTED with RATE_LIMITED and a retry delay; another client, and the health
/// checks, are unaffected. Clients are told apart by the subject id of their certificate,
/// whatever address they call from.
/// </summary>
public sealed class RateLimitTests : IDisposable
{
    private const int Burst = 3;
    private readonly NodeDirectory files = new();
    private readonly GatewayFactory gateway;
    private readonly List<GrpcChannel> channels = [];

    public RateLimitTests()
    {
        var settings = files.Settings();
        settings["Gateway:RateLimit:PermitsPerSecond"] = "1";
        settings["Gateway:RateLimit:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        gateway = new GatewayFactory(settings);
    }

    [Fact]
    public async Task AClientOverItsLimitIsRefusedWithRateLimitedAndARetryDelayWhileAnotherClientIsServed()
    {
        var first = ChannelFrom(Liaison.Gateway.FaultTests.TestClientAuthority.Supervisor, "192.0.2.10");
        var second = ChannelFrom(Officer, "198.51.100.20");

        var (served, refusal) = await CallUntilRefusedAsync(first);

        Assert.InRange(served, Burst, Burst + 2); // a token may come back while the calls are made
        Assert.NotNull(refusal);
        Assert.Equal(StatusCode.ResourceExhausted, refusal.StatusCode);
        Assert.Equal("RATE_LIMITED", RpcAssert.Info(refusal).Reason);
        var retry = refusal.GetRpcStatus()?.GetDetail<RetryInfo>();
        Assert.NotNull(retry);
        Assert.InRange(retry.RetryDelay.ToTimeSpan(), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));

        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Workflows(second).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-none" }).ResponseAsync);
        var health = await new Health.HealthClient(first).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task TwoCallersBehindOneAddressHaveABucketEachAndOneCallerCannotGetMoreFromAnotherAddress()
    {
        var supervisor = ChannelFrom(Liaison.Gateway.FaultTests.TestClientAuthority.Supervisor, "192.0.2.10");
        var officerSameAddress = ChannelFrom(Officer, "192.0.2.10");
        var supervisorElsewhere = ChannelFrom(Liaison.Gateway.FaultTests.TestClientAuthority.Supervisor, "203.0.113.30");

        var (_, refusal) = await CallUntilRefusedAsync(supervisor);
        Assert.NotNull(refusal);

        // The officer at the same border post is served; the supervisor from another address is not.
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Workflows(officerSameAddress).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-none" }).ResponseAsync);
        var elsewhere = await Assert.ThrowsAsync<RpcException>(() => Workflows(supervisorElsewhere).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-none" }).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, elsewhere.StatusCode);
    }

    public void Dispose()
    {
        channels.ForEach(c => c.Dispose());
        gateway.Dispose();
        files.Dispose();
    }

    private static LiaisonWorkflowService.LiaisonWorkflowServiceClient Workflows(GrpcChannel channel) => new(channel);

    /// <returns>How many calls were served (NOT_FOUND) before the first refusal, and the refusal.</returns>
    private static async Task<(int Served, RpcException? Refusal)> CallUntilRefusedAsync(GrpcChannel channel)
    {
        for (var served = 0; served < 20; served++)
        {
            try
            {
                await Workflows(channel).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-none" });
            }
            catch (RpcException error) when (error.StatusCode != StatusCode.NotFound)
            {
                return (served, error);
            }
            catch (RpcException)
            {
                // NOT_FOUND: served.
            }
        }

        return (20, null);
    }

    private static readonly Liaison.Gateway.Security.Caller Officer = new("vn-laocai/officer-0002", Liaison.Gateway.Security.CallerRole.Officer, "laocai-blo");

    private GrpcChannel ChannelFrom(Liaison.Gateway.Security.Caller caller, string address)
    {
        var channel = GatewayFactory.Open(gateway.HandlerFor(caller, http => http.Connection.RemoteIpAddress = IPAddress.Parse(address)));
        channels.Add(channel);
        return channel;
    }
}
