using System.Data.Common;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Messaging;

/// <summary>
/// Moves the outbox to the broker: claims due rows, publishes them all at once, confirms
/// the ones the broker confirmed in one store call and reschedules the others with
/// exponential backoff. Then it sleeps until <see cref="OutboxSignal"/> wakes it (a
/// submit, a receipt to send) or the poll interval passes (retries falling due).
/// A row is removed only after the broker's confirm, so a crash at any point means a
/// publish again later (the partner deduplicates by envelope id), never a loss.
/// </summary>
public sealed class OutboxDispatcher(
    GatewayStoreHost storeHost,
    OutboxPublisher publisher,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<MessagingOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly MessagingOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            var more = false;
            try
            {
                more = await DispatchOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbException or TimeoutException)
            {
                // A busy or unreachable database: the rows stay in the outbox; try again after the poll.
                logger.OutboxStoreUnavailable(e.GetType().Name);
            }

            if (!more)
            {
                await signal.WaitAsync(settings.OutboxPollInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>One claim-publish-confirm round; true when it claimed anything, so more may be due.</summary>
    public async Task<bool> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var store = storeHost.Store;
        var claimed = await store.ClaimDueOutboxAsync(settings.OutboxBatchSize, settings.OutboxBatchMaxBytes, time.GetUtcNow(), cancellationToken);
        if (claimed.Count == 0)
        {
            return false;
        }

        var outcomes = await publisher.PublishAllAsync(claimed, cancellationToken);

        // Confirmed publishes are recorded even while stopping: they are on the broker now,
        // and forgetting that would only cause a needless second publish.
        var confirmed = outcomes.Where(o => o.Confirmed).Select(o => o.Item.Id).ToList();
        var recording = new List<Task>();
        if (confirmed.Count > 0)
        {
            recording.Add(store.MarkPublishedAsync(confirmed, time.GetUtcNow(), CancellationToken.None));
        }

        foreach (var failed in outcomes.Where(o => !o.Confirmed))
        {
            var next = time.GetUtcNow() + RetryBackoff.Delay(failed.Item.Attempts, settings.PublishRetryBaseDelay, settings.PublishRetryMaxDelay);
            logger.PublishFailed(failed.Item.Id, failed.Item.Kind, failed.Item.Destination, failed.Failure!.GetType().Name, failed.ErrorCode, next);
            recording.Add(store.ScheduleRetryAsync(failed.Item.Id, next, failed.ErrorCode, CancellationToken.None));
        }

        // Started together, so the store's group commit writes them in one transaction.
        await Task.WhenAll(recording);
        logger.OutboxBatchPublished(confirmed.Count, outcomes.Count - confirmed.Count);
        // A batch cut short by its byte cap may leave rows due, and a row count alone cannot
        // tell: look again at once. A claim that finds nothing changes nothing and is cheap.
        return true;
    }
}
