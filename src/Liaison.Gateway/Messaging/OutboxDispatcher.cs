using System.Data.Common;
using System.Runtime.ExceptionServices;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Messaging;

/// <summary>
/// Moves the outbox to the broker: claims due rows, publishes them all at once, confirms
/// the ones the broker confirmed in one store call and reschedules the others with
/// exponential backoff. Up to <see cref="MessagingOptions.OutboxBatchesInFlight"/> claimed
/// batches wait for their confirms at once, so the outbox moves faster than one batch per
/// broker round trip. When nothing is due it sleeps until <see cref="OutboxSignal"/> wakes it
/// (a submit, a receipt to send) or the poll interval passes (retries falling due).
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

    // Batches claimed and published, waiting for their confirms and then their records. Only the
    // dispatcher's own loop touches the list.
    private readonly List<Task> inFlight = [];

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
            await DrainAsync();
        }
    }

    /// <summary>
    /// Claims one batch and starts publishing it; true when it claimed anything, so more may be
    /// due. It first waits, if need be, until fewer than
    /// <see cref="MessagingOptions.OutboxBatchesInFlight"/> batches are between their claim and
    /// their records. Claimed rows are leased, so no batch claims another's. A batch's confirms
    /// and retries are written as soon as the broker has answered all of its publishes, in the
    /// store's group commit with whatever else the writer has queued, such as the next claim.
    /// </summary>
    public async Task<bool> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        ForgetFinished();
        while (inFlight.Count >= settings.OutboxBatchesInFlight)
        {
            await Task.WhenAny(inFlight).WaitAsync(cancellationToken);
            ForgetFinished();
        }

        var claimed = await storeHost.Store.ClaimDueOutboxAsync(settings.OutboxBatchSize, settings.OutboxBatchMaxBytes, time.GetUtcNow(), cancellationToken);
        if (claimed.Count == 0)
        {
            return false;
        }

        inFlight.Add(PublishAndRecordAsync(claimed, cancellationToken));
        // A batch cut short by its byte cap may leave rows due, and a row count alone cannot
        // tell: look again at once. A claim that finds nothing changes nothing and is cheap.
        return true;
    }

    private async Task PublishAndRecordAsync(IReadOnlyList<OutboxItem> claimed, CancellationToken cancellationToken)
    {
        var outcomes = await publisher.PublishAllAsync(claimed, cancellationToken);

        // Confirmed publishes are recorded even while stopping: they are on the broker now,
        // and forgetting that would only cause a needless second publish.
        var confirmed = outcomes.Where(o => o.Confirmed).Select(o => o.Item.Id).ToList();
        var records = new List<Task>();
        if (confirmed.Count > 0)
        {
            records.Add(storeHost.Store.MarkPublishedAsync(confirmed, time.GetUtcNow(), CancellationToken.None));
        }

        foreach (var failed in outcomes.Where(o => !o.Confirmed))
        {
            var next = time.GetUtcNow() + RetryBackoff.Delay(failed.Item.Attempts, settings.PublishRetryBaseDelay, settings.PublishRetryMaxDelay);
            logger.PublishFailed(failed.Item.Id, failed.Item.Kind, failed.Item.Destination, failed.Failure!.GetType().Name, failed.ErrorCode, next);
            records.Add(storeHost.Store.ScheduleRetryAsync(failed.Item.Id, next, failed.ErrorCode, CancellationToken.None));
        }

        logger.OutboxBatchPublished(confirmed.Count, outcomes.Count - confirmed.Count);
        // Started together, so the store's group commit writes them in one transaction.
        await Task.WhenAll(records);
    }

    /// <summary>
    /// Drops the batches that are done. One whose records could not be written (a busy or
    /// unreachable database) is logged: its rows stay leased, then fall due and go again. Any
    /// other failure is the dispatcher's own, and stops it as before.
    /// </summary>
    private void ForgetFinished()
    {
        for (var i = inFlight.Count - 1; i >= 0; i--)
        {
            var batch = inFlight[i];
            if (!batch.IsCompleted)
            {
                continue;
            }

            inFlight.RemoveAt(i);
            if (batch.Exception?.InnerException is { } error)
            {
                if (error is not (DbException or TimeoutException or ObjectDisposedException))
                {
                    ExceptionDispatchInfo.Throw(error);
                }

                logger.OutboxStoreUnavailable(error.GetType().Name);
            }
        }
    }

    /// <summary>Waits until every batch in flight is recorded (or failed: the rows stay leased, then due again).</summary>
    private async Task DrainAsync()
    {
        foreach (var batch in inFlight)
        {
            try
            {
                await batch;
            }
            catch (Exception e) when (e is DbException or TimeoutException or ObjectDisposedException)
            {
                logger.OutboxStoreUnavailable(e.GetType().Name);
            }
            catch (OperationCanceledException)
            {
                // Stopping: the batch's rows stay leased, then fall due and go again after the restart.
            }
        }

        inFlight.Clear();
    }
}
