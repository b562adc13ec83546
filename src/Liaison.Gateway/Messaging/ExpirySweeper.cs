using System.Data.Common;
using Liaison.Gateway.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Messaging;

/// <summary>
/// Marks outbound messages Expired once their envelope's expiry and the grace period for
/// receipts in transit have passed without a verified receipt, and drops their unpublished
/// outbox rows: the partner would refuse an expired envelope anyway. Without it, a message
/// to a partner that never answers would stay Published for ever and its caller would
/// never learn the outcome.
/// </summary>
public sealed class ExpirySweeper(
    GatewayStoreHost storeHost,
    TimeProvider time,
    IOptions<MessagingOptions> options,
    ILogger<ExpirySweeper> logger) : BackgroundService
{
    private readonly MessagingOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbException or TimeoutException)
            {
                logger.ExpirySweepFailed(e.GetType().Name);
            }

            await Task.Delay(settings.ExpirySweepInterval, time, stoppingToken);
        }
    }

    /// <summary>One sweep at the current time; returns the envelope ids that expired.</summary>
    public async Task<IReadOnlyList<Guid>> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var expired = await storeHost.Store.ExpireAsync(time.GetUtcNow() - settings.ExpiryGrace, cancellationToken);
        if (expired.Count > 0)
        {
            logger.MessagesExpired(expired.Count);
        }

        return expired;
    }
}
