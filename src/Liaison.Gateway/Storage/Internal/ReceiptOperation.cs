using Liaison.Envelope.V1;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>Records a verified receipt for an outbound message; the first receipt wins.</summary>
internal static class ReceiptOperation
{
    public static async Task<RecordResult> RunAsync(WriteContext context, Guid envelopeId, ReadOnlyMemory<byte> receipt, ReceiptStatus status, RejectionReason reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var session = context.Session;
        var message = await MessageTable.FindAsync(session, envelopeId, cancellationToken) ?? throw new MessageNotFoundException(envelopeId);
        var target = status == ReceiptStatus.Accepted ? MessageState.Delivered : MessageState.Rejected;
        if (message.Direction == MessageDirection.Outbound && message.State is MessageState.Delivered or MessageState.Rejected)
        {
            await context.Audit.AppendAsync(AuditEventType.Duplicate, message.EnvelopeId, message.PeerNode, message.CaseReference, ReasonCodes.Of(reason),
                $"another receipt ({status}) for a message already {message.State}; nothing changed", message.PeerNode, cancellationToken);
            return new RecordResult(message, IsDuplicate: true);
        }

        var moved = await MessageTable.MoveAsync(session, message, target, reason, receipt.ToArray(), now, cancellationToken);
        // The envelope arrived: a publish still pending (a receipt can overtake the
        // confirm, or arrive during a retry) would only make the recipient see a duplicate.
        await OutboxTable.DeleteEnvelopeAsync(session, envelopeId, cancellationToken);
        await context.Audit.AppendAsync(AuditEventType.ReceiptReceived, moved, $"verified receipt, status {status}", moved.PeerNode, cancellationToken);
        await context.Audit.AppendAsync(target == MessageState.Delivered ? AuditEventType.Delivered : AuditEventType.Rejected, moved,
            $"{message.State} -> {target}", moved.PeerNode, cancellationToken);
        return new RecordResult(moved, IsDuplicate: false);
    }
}
