using Microsoft.Extensions.Hosting;

namespace Liaison.Gateway.Hosting.Internal;

/// <summary>
/// The lifetime of a gateway hosted inside another program: unlike the console lifetime it
/// hooks no signal, because the program decides when its gateways stop.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
