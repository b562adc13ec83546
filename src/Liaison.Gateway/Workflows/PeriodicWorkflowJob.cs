using System.Data.Common;
using System.Runtime.CompilerServices;
using Liaison.Gateway.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Workflows;

/// <summary>
/// The loop the workflow jobs share: sweep, then wait the sweep interval on the injected clock.
/// A busy or unreachable database costs one sweep, never the job: the next one tries again.
/// </summary>
public abstract class PeriodicWorkflowJob(string job, TimeSpan interval, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The clock of every sweep.</summary>
    protected TimeProvider Time { get; } = time;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbException or TimeoutException)
            {
                logger.SweepFailed(job, e.GetType().Name);
            }

            await Task.Delay(interval, Time, stoppingToken);
        }
    }

    /// <summary>One sweep at the current time.</summary>
    protected abstract Task SweepAsync(CancellationToken cancellationToken);

    /// <summary>
    /// What each job sweeps: the workflows with a message whose type starts with
    /// <paramref name="messageTypePrefix"/> recorded since <paramref name="since"/>, folded, one
    /// at a time; those with no step yet are skipped.
    /// </summary>
    protected static async IAsyncEnumerable<(string Id, FoldedWorkflow Workflow)> RecentWorkflowsAsync(
        IGatewayStore store, WorkflowCoordinator coordinator, string messageTypePrefix, DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new CorrelationQuery(since, DateTimeOffset.MaxValue) { MessageTypePrefix = messageTypePrefix };
        foreach (var id in await store.ListCorrelationIdsAsync(query, cancellationToken))
        {
            var workflow = await coordinator.GetAsync(id, cancellationToken);
            if (workflow.Steps.Count > 0)
            {
                yield return (id, workflow);
            }
        }
    }
}
