using Liaison.Gateway.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Tests.Messaging;

public sealed class UsageTelemetryTests
{
    [Fact]
    public void TheGatewaysBusSendsNoUsageTelemetryToMassTransit()
    {
        var services = new ServiceCollection().AddLogging();

        services.AddGatewayMessaging(new MessagingOptions());
        using var provider = services.BuildServiceProvider();

        Assert.False(provider.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }
}
