using System.Globalization;
using Liaison.Envelope.V1;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>The dispatcher's side of the outbox: claim, confirm, retry.</summary>
internal static class OutboxOperations
{
    public static async Task<IReadOnlyList<OutboxItem>> ClaimAsync(WriteContext context, int max, long maxBytes, DateTimeOffset now, CancellationToken cancellationToken) =>
        await OutboxTable.ClaimDueAsync(context.Session, now, now + context.Options.OutboxClaimLease, max, maxBytes, cancellationToken);

    public static async Task<int> MarkPublishedAsync(WriteContext context, IReadOnlyCollection<long> outboxIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var session = context.Session;
        var confirmed = 0;
        foreach (var id in outboxIds.Distinct())
        {
            if (await OutboxTable.DeleteAsync(session, id, cancellationToken) is not { } item)
            {
                continue;
            }

            confirmed++;
            if (item.Kind == OutboxKind.Receipt)
            {
                await context.Audit.AppendAsync(AuditEventType.Published, item.EnvelopeId, item.Destination, "", "receipt published", cancellationToken);
                continue;
            }

            var message = await MessageTable.FindAsync(session, item.EnvelopeId, cancellationToken) ?? throw new MessageNotFoundException(item.EnvelopeId);
            // Only a sealed envelope has an outbox row; anything else is left as it is
            // rather than failing every confirm in the batch.
            var published = message.State == MessageState.Sealed
                ? await MessageTable.MoveAsync(session, message, MessageState.Published, RejectionReason.Unspecified, message.ReceiptBytes, now, cancellationToken)
                : message;
            await context.Audit.AppendAsync(AuditEventType.Published, published, $"envelope published, {message.State} -> {published.State}", cancellationToken);
        }

        return confirmed;
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
