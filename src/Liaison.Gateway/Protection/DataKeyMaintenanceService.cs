using System.Data.Common;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Protection;

/// <summary>
/// Every <see cref="ProtectionOptions.MaintenanceInterval"/> (on the injected clock): re-reads
/// the KEKs, rewraps every data key still wrapped by an earlier KEK to the current one (KEK
/// rotation without downtime), encrypts the messages a store without field-level encryption
/// left in clear, then crypto-erases the cases whose retention ended. Retention is
/// the agreement's (<c>ExchangeAgreement.retention</c>), counted from a case's last activity.
/// A busy database costs one pass, never the job.
/// </summary>
public sealed class DataKeyMaintenanceService(
    IServiceProvider services,
    KeyEncryptionKeySource keys,
    TimeProvider time,
    IOptions<ProtectionOptions> options,
    ILogger<DataKeyMaintenanceService> logger,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    private readonly ProtectionOptions settings = options.Value;
    private readonly HashSet<string> announcedRemovable = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Hosted services start in registration order and this one comes before the store: the
        // first pass waits until the host has started, so the store is open (or start-up failed).
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (lifetime is null)
        {
            started.TrySetResult();
        }

        using (lifetime?.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbException or TimeoutException or ProtectedFieldException)
            {
                ProtectionLog.MaintenanceFailed(logger, e is ProtectedFieldException ? e.Message : e.GetType().Name);
            }

            await Task.Delay(settings.MaintenanceInterval, time, stoppingToken);
        }
    }

    /// <summary>
    /// One pass at the current time: rewrap until no data key is left on an earlier KEK, encrypt
    /// every message still in clear, then erase every case past its retention.
    /// </summary>
    public async Task<(RewrapReport Rewrap, int Encrypted, IReadOnlyList<ErasedCase> Erased)> RunOnceAsync(CancellationToken cancellationToken)
    {
        keys.Refresh();
        var store = services.GetRequiredService<IGatewayStore>();
        RewrapReport report;
        do
        {
            report = await store.RewrapDataKeysAsync(settings.MaintenanceBatchSize, cancellationToken);
            if (report.Rewrapped > 0)
            {
                ProtectionLog.Rewrapped(logger, report.Rewrapped, report.CurrentKek, report.Remaining);
            }
        }
        while (report.Rewrapped > 0 && report.Remaining > report.Unwrappable);

        foreach (var previous in keys.Ring.Previous.Where(k => !report.LiveKeysByKek.ContainsKey(k.Id)))
        {
            if (announcedRemovable.Add(previous.Id))
            {
                ProtectionLog.KeyEncryptionKeyRemovable(logger, previous.Id);
            }
        }

        // Before the erasure: a clear message's case key takes the message's last activity, so an
        // old case whose retention is over is erased in this same pass rather than kept in clear.
        var encrypted = 0;
        ClearMessagesReport clear;
        do
        {
            clear = await store.EncryptClearMessagesAsync(settings.MaintenanceBatchSize, cancellationToken);
            encrypted += clear.Encrypted;
            if (clear.Encrypted > 0)
            {
                ProtectionLog.ClearMessagesEncrypted(logger, clear.Encrypted, clear.Remaining);
            }
        }
        while (clear.Encrypted > 0 && clear.Remaining > 0);

        var retention = services.GetRequiredService<GatewayNode>().Agreement.Document.Retention.ToTimeSpan();
        var erased = new List<ErasedCase>();
        IReadOnlyList<ErasedCase> batch;
        do
        {
            batch = await store.EraseExpiredCasesAsync(retention, time.GetUtcNow(), settings.MaintenanceBatchSize, cancellationToken);
            erased.AddRange(batch);
        }
        while (batch.Count == settings.MaintenanceBatchSize);

        if (erased.Count > 0)
        {
            ProtectionLog.Erased(logger, erased.Count);
        }

        return (report, encrypted, erased);
    }
}
