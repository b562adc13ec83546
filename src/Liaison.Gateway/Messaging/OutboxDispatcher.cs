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

    // The last round's confirms and retries, being written while the next round claims.
    private Task recording = Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
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
        finally
        {
            await RecordedAsync();
        }
    }

    /// <summary>
    /// One claim-publish-confirm round; true when it claimed anything, so more may be due. The
    /// round's confirms and retries are written while the next round claims: the store's group
    /// commit then takes both in one transaction, and the next frames leave a commit sooner (the
    /// claimed rows are leased, so no round claims another's). A round waits for the previous
    /// one's records before it publishes, so at most one round's are outstanding.
    /// </summary>
    public async Task<bool> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var store = storeHost.Store;
        var claiming = store.ClaimDueOutboxAsync(settings.OutboxBatchSize, settings.OutboxBatchMaxBytes, time.GetUtcNow(), cancellationToken);
        var previous = recording;
        recording = Task.CompletedTask;
        // Both observed, whichever fails: a failed record surfaces here, once.
        await Task.WhenAll(previous, claiming);
        var claimed = await claiming;
        if (claimed.Count == 0)
        {
            return false;
        }

        var outcomes = await publisher.PublishAllAsync(claimed, cancellationToken);

        // Confirmed publishes are recorded even while stopping: they are on the broker now,
        // and forgetting that would only cause a needless second publish.
        var confirmed = outcomes.Where(o => o.Confirmed).Select(o => o.Item.Id).ToList();
        var records = new List<Task>();
        if (confirmed.Count > 0)
        {
            records.Add(store.MarkPublishedAsync(confirmed, time.GetUtcNow(), CancellationToken.None));
        }

        foreach (var failed in outcomes.Where(o => !o.Confirmed))
        {
            var next = time.GetUtcNow() + RetryBackoff.Delay(failed.Item.Attempts, settings.PublishRetryBaseDelay, settings.PublishRetryMaxDelay);
            logger.PublishFailed(failed.Item.Id, failed.Item.Kind, failed.Item.Destination, failed.Failure!.GetType().Name, failed.ErrorCode, next);
            records.Add(store.ScheduleRetryAsync(failed.Item.Id, next, failed.ErrorCode, CancellationToken.None));
        }

        // Started together, so the store's group commit writes them in one transaction, with the next claim.
        recording = Task.WhenAll(records);
        logger.OutboxBatchPublished(confirmed.Count, outcomes.Count - confirmed.Count);
        // A batch cut short by its byte cap may leave rows due, and a row count alone cannot
        // tell: look again at once. A claim that finds nothing changes nothing and is cheap.
        return true;
    }

    /// <summary>Waits until the last round's confirms and retries are written (or failed: the rows stay leased, then due again).</summary>
    private async Task RecordedAsync()
    {
        var last = recording;
        recording = Task.CompletedTask;
        try
        {
            await last;
        }
        catch (Exception e) when (e is DbException or TimeoutException or ObjectDisposedException)
        {
            logger.OutboxStoreUnavailable(e.GetType().Name);
        }
    }
}
