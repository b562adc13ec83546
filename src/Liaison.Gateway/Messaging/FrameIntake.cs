using System.Runtime.ExceptionServices;

namespace Liaison.Gateway.Messaging;

/// <summary>How a frame (<see cref="Contracts.EnvelopesTransferred"/>, <see cref="Contracts.ReceiptsTransferred"/>) is taken in.</summary>
internal static class FrameIntake
{
    /// <summary>
    /// Receives every item of a frame at once, so that the store's group commit writes them in one
    /// transaction, and lets each one finish whatever happens to the others. Then: a fault that is not
    /// a verdict (a store fault) is rethrown first, so the endpoint retries the frame (items already
    /// recorded are duplicates the second time, which the store recognises); otherwise, if any item
    /// was refused, one verdict names every refusal, and the frame goes to the error queue as the
    /// record of it. The refused items were each recorded and audited on their own before that.
    /// </summary>
    public static async Task ReceiveAllAsync<TVerdict>(byte[]?[]? items, Func<byte[], Task> receive, Func<TVerdict, string, Exception> verdict)
        where TVerdict : Exception
    {
        var tasks = (items ?? []).Select(item => receive(item ?? [])).ToArray();
        await Task.WhenAll(tasks).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var faults = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).ToList();
        if (faults.FirstOrDefault(f => f is not TVerdict) is { } fault)
        {
            ExceptionDispatchInfo.Throw(fault);
        }

        if (tasks.FirstOrDefault(t => t.IsCanceled) is { } canceled)
        {
            await canceled;
        }

        if (faults.Count > 0)
        {
            var refusals = faults.Cast<TVerdict>().ToList();
            throw verdict(refusals[0], $"{refusals.Count} of the frame's {tasks.Length} items were refused: " + string.Join("; ", refusals.Select(r => r.Message)));
        }
    }
}
