using Liaison.Envelope.V1;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>Outbound messages whose envelope expired with no receipt become Expired.</summary>
internal static class ExpiryOperation
{
    public static async Task<IReadOnlyList<Guid>> RunAsync(WriteContext context, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var session = context.Session;
        var expired = new List<Guid>();
        foreach (var message in await MessageTable.ListExpiredAsync(session, now, cancellationToken))
        {
            var moved = await MessageTable.MoveAsync(session, message, MessageState.Expired, RejectionReason.Unspecified, null, now, cancellationToken);
            // The recipient would refuse it now anyway.
            await OutboxTable.DeleteEnvelopeAsync(session, message.EnvelopeId, cancellationToken);
            await context.Audit.AppendAsync(AuditEventType.Expired, moved, $"no receipt before expiry, {message.State} -> {moved.State}", cancellationToken);
            expired.Add(message.EnvelopeId);
        }

        return expired;
    }
}
