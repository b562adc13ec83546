using System.Globalization;
using Liaison.Envelope.V1;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>The dispatcher's side of the outbox: claim, confirm, retry.</summary>
internal static class OutboxOperations
{
    public static async Task<IReadOnlyList<OutboxItem>> ClaimAsync(WriteContext context, int max, long maxBytes, DateTimeOffset now, CancellationToken cancellationToken) =>
        await OutboxTable.ClaimDueAsync(context.Session, now, now + context.Options.OutboxClaimLease, max, maxBytes, cancellationToken);

    /// <summary>
    /// Removes the confirmed rows and moves their sealed envelopes to Published, a whole dispatch
    /// batch in a few statements (not a few per row), then audits each confirm in outbox order.
    /// </summary>
    public static async Task<int> MarkPublishedAsync(WriteContext context, IReadOnlyCollection<long> outboxIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var session = context.Session;
        var removed = await OutboxTable.DeleteManyAsync(session, outboxIds.Distinct().Order().ToList(), cancellationToken);
        removed.Sort((a, b) => a.Id.CompareTo(b.Id));
        var envelopes = removed.Where(r => r.Kind == OutboxKind.Envelope).Select(r => r.EnvelopeId).Distinct().ToList();
        var before = await MessageTable.StatesAsync(session, envelopes, cancellationToken);
        // Only a sealed envelope moves; anything else (a receipt overtook the confirm) is left as it
        // is rather than failing every confirm in the batch. The moves are all legal: Sealed -> Published.
        await MessageTable.MarkPublishedAsync(session, envelopes.Where(id => before.TryGetValue(id, out var m) && m.State == MessageState.Sealed).ToList(), now, cancellationToken);
        foreach (var item in removed)
        {
            if (item.Kind == OutboxKind.Receipt)
            {
                await context.Audit.AppendAsync(AuditEventType.Published, item.EnvelopeId, item.Destination, "", "receipt published", cancellationToken);
                continue;
            }

            var (state, reason, peer, caseReference) = before.TryGetValue(item.EnvelopeId, out var found) ? found : throw new MessageNotFoundException(item.EnvelopeId);
            var after = state == MessageState.Sealed ? MessageState.Published : state;
            // Seen once: a second row of the same envelope in this batch finds it published already.
            before[item.EnvelopeId] = (after, reason, peer, caseReference);
            await context.Audit.AppendAsync(AuditEventType.Published, item.EnvelopeId, peer, caseReference, ReasonCodes.Of(reason), $"envelope published, {state} -> {after}", Auditing.AuditActors.Node, cancellationToken);
        }

        return removed.Count;
    }

    public static async Task<bool> ScheduleRetryAsync(WriteContext context, long outboxId, DateTimeOffset nextAttempt, string errorCode, CancellationToken cancellationToken)
    {
        if (await OutboxTable.RescheduleAsync(context.Session, outboxId, nextAttempt, errorCode, cancellationToken) is not { } item)
        {
            return false;
        }

        await context.Audit.AppendAsync(AuditEventType.RetryScheduled, item.EnvelopeId, item.Destination, errorCode,
            string.Create(CultureInfo.InvariantCulture, $"{item.Kind.ToString().ToLowerInvariant()} publish attempt {item.Attempts} failed; next attempt at {nextAttempt:O}"),
            cancellationToken);
        return true;
    }
}
