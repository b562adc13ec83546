using System.Data.Common;
using Liaison.Audit.Notes;
using Liaison.Gateway.Hosting;
using Liaison.Gateway.Storage.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Storage;

/// <summary>
/// Signs a C2SP checkpoint of the audit log every <see cref="AuditLogOptions.CheckpointInterval"/>
/// when the log has grown since the last one, with the node's own agreement key
/// (<see cref="NodeNoteSigner"/>, in the suite of the node's first link in the agreement) and
/// origin <see cref="AuditLogOrigin.For"/>(node id). A failure is logged and retried at the
/// next interval: checkpoints lag, traffic never stops.
/// </summary>
public sealed class CheckpointIssuer : BackgroundService
{
    private readonly Func<IGatewayStore> store;
    private readonly Func<(string Origin, INoteSigner Signer)> identity;
    private readonly TimeProvider time;
    private readonly TimeSpan interval;
    private readonly ILogger logger;
    private (string Origin, INoteSigner Signer)? signing;

    public CheckpointIssuer(GatewayStoreHost storeHost, GatewayNodeHost nodeHost, TimeProvider time, IOptions<AuditLogOptions> options, ILogger<CheckpointIssuer> logger)
        : this(() => storeHost.Store, () => SigningIdentity(nodeHost.Node.Agreement, nodeHost.Node.Keys, time), time, options, logger)
    {
        ArgumentNullException.ThrowIfNull(storeHost);
        ArgumentNullException.ThrowIfNull(nodeHost);
    }

    /// <summary>For tests and tools: a store and a signer given directly.</summary>
    internal CheckpointIssuer(IGatewayStore store, string origin, INoteSigner signer, TimeProvider time, IOptions<AuditLogOptions> options, ILogger<CheckpointIssuer> logger)
        : this(() => store, () => (origin, signer), time, options, logger)
    {
    }

    private CheckpointIssuer(Func<IGatewayStore> store, Func<(string, INoteSigner)> identity, TimeProvider time, IOptions<AuditLogOptions> options, ILogger<CheckpointIssuer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        (this.store, this.identity, this.time, this.logger) = (store, identity, time, logger);
        interval = options.Value.CheckpointInterval;
    }

    /// <summary>The node's signer: its newest signing key in the suite of its first link.</summary>
    /// <exception cref="InvalidOperationException">The node has no link, or no signing key valid now in that suite.</exception>
    public static (string Origin, INoteSigner Signer) SigningIdentity(Crypto.Agreements.AgreementInForce agreement, Crypto.Keys.KeyRing keys, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(keys);
        var link = agreement.Document.Links.FirstOrDefault(l => l.SenderNode == keys.Owner)
            ?? throw new InvalidOperationException($"The agreement has no link from '{keys.Owner}': there is no suite to sign its audit checkpoints in.");
        return (AuditLogOrigin.For(keys.Owner), new NodeNoteSigner(agreement, keys, link.Suite, time));
    }

    /// <summary>Signs and stores one checkpoint if the log grew; returns it, or null.</summary>
    public async Task<AuditCheckpoint?> SweepOnceAsync(CancellationToken cancellationToken)
    {
        signing ??= identity();
        var (origin, signer) = signing.Value;
        var issued = await store().IssueAuditCheckpointAsync(origin, signer, cancellationToken);
        if (issued is not null)
        {
            StoreLog.CheckpointIssued(logger, issued.TreeSize);
        }

        return issued;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(interval, time, stoppingToken);
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException or InvalidDataException)
            {
                StoreLog.CheckpointFailed(logger, e.GetType().Name);
            }
        }
    }
}
