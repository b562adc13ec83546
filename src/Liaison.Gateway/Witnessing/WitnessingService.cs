using System.Data.Common;
using Liaison.Crypto.Envelopes;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Witnessing;

/// <summary>
/// Runs <see cref="AuditWitnessing"/>: handles arrived witnessing messages every
/// <see cref="WitnessingOptions.PollInterval"/> and offers the partners the latest checkpoint every
/// <see cref="WitnessingOptions.Interval"/>. A failure is logged and retried at the next tick:
/// witnessing lags, traffic never stops, and no submit or receipt waits for it.
/// </summary>
public sealed class WitnessingService(IServiceProvider services, TimeProvider time, IOptions<WitnessingOptions> options, ILogger<WitnessingService> logger) : BackgroundService
{
    private AuditWitnessing? witnessing;

    /// <summary>The engine, once the host has started (the node and the store exist only then).</summary>
    public AuditWitnessing Witnessing => witnessing ??= new AuditWitnessing(
        services.GetRequiredService<GatewayNode>(),
        services.GetRequiredService<GatewayStoreHost>().Store,
        services.GetRequiredService<MessageSubmitter>(),
        time,
        options.Value,
        logger);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var nextSend = time.GetUtcNow() + settings.Interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(settings.PollInterval, time, stoppingToken);
            try
            {
                await Witnessing.HandleArrivalsAsync(stoppingToken);
                if (time.GetUtcNow() >= nextSend)
                {
                    nextSend = time.GetUtcNow() + settings.Interval;
                    await Witnessing.SendCheckpointsAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException or InvalidDataException or EnvelopeSealException or ArgumentException)
            {
                WitnessingLog.StepFailed(logger, e.GetType().Name);
            }
        }
    }
}
