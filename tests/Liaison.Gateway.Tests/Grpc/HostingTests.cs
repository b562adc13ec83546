using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>What operators and tools expect of any gRPC server: health and reflection.</summary>
public sealed class HostingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task HealthIsServing()
    {
        var health = new Health.HealthClient(fixture.Gateway.Channel);

        var response = await health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task ReflectionListsTheGatewayService()
    {
        var reflection = new ServerReflection.ServerReflectionClient(fixture.Gateway.Channel);
        using var call = reflection.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("liaison.gateway.v1.LiaisonGatewayService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }
}
