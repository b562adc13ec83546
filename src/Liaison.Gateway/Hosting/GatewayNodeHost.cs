using Liaison.Gateway.Exchange;
using Liaison.Gateway.Hosting.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Hosting;

/// <summary>
/// Loads this node's keys and the agreement in force when the host starts, so that a
/// missing or invalid one stops the gateway before it opens its store or listens,
/// with a <see cref="GatewayStartupException"/> saying what is wrong. When a
/// <see cref="GatewayNodeMaterial"/> is registered, its keys and agreement are used instead of the files.
/// </summary>
public sealed class GatewayNodeHost(IOptions<GatewayOptions> options, TimeProvider time, ILogger<GatewayNodeHost> logger, GatewayNodeMaterial? material = null) : IHostedService
{
    private GatewayNode? node;

    /// <exception cref="InvalidOperationException">The host has not started yet.</exception>
    public GatewayNode Node => node ?? throw new InvalidOperationException("The gateway node is loaded when the host starts; it is not loaded yet.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var keys = material?.Keys ?? NodeFiles.ReadKeys(settings, Environment.GetEnvironmentVariable);
        var agreement = material?.Agreement ?? NodeFiles.ReadAgreement(settings.AgreementFile);
        if (keys.Owner != settings.NodeId)
        {
            throw new GatewayStartupException($"The keys given belong to '{keys.Owner}', not to {GatewayOptions.Section}:NodeId '{settings.NodeId}'.");
        }

        if (agreement.FindParty(settings.NodeId) is null)
        {
            throw new GatewayStartupException(material is null
                ? $"'{settings.NodeId}' is not a party to the agreement in '{settings.AgreementFile}'."
                : $"'{settings.NodeId}' is not a party to the agreement given.");
        }

        node = new GatewayNode(agreement, keys, time);
        HostingLog.NodeLoaded(logger, node.NodeId, agreement.Document.AgreementId, agreement.Version);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
