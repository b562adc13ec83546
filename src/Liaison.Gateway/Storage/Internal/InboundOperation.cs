namespace Liaison.Gateway.Storage.Internal;

/// <summary>Records an arrived envelope; the inbox is idempotent by envelope id.</summary>
internal static class InboundOperation
{
    /// <param name="signLater">Instead of <paramref name="receipt"/>: a receipt signed at the end of the batch with the index of the entry recording the envelope.</param>
    public static async Task<RecordResult> RunAsync(WriteContext context, InboundRecord record, ReadOnlyMemory<byte>? receipt, CancellationToken cancellationToken, PendingReceipt? signLater = null)
    {
        var session = context.Session;
        var existing = await MessageTable.FindAsync(session, context.Protection, record.EnvelopeId, whenErased: true, cancellationToken);
        if (existing is { Direction: MessageDirection.Outbound })
        {
            throw new IllegalStateTransitionException(existing.EnvelopeId, existing.Direction, existing.State, MessageState.Received);
        }

        var supersedes = existing is not null && record.IsAccepted
            && MessageTransitions.CanMove(MessageDirection.Inbound, existing.State, MessageState.Received);
        if (existing is not null && !supersedes)
        {
            // An authentic copy means the sender has no receipt yet (the first was lost, or is
            // still on its way): queue the original again, durably, unless it is still queued.
            var resend = record.IsAccepted && existing.ReceiptBytes is { } original
                && !await OutboxTable.HasPendingAsync(session, existing.EnvelopeId, OutboxKind.Receipt, cancellationToken);
            if (resend)
            {
                await OutboxTable.InsertAsync(session, existing.EnvelopeId, existing.PeerNode, OutboxKind.Receipt, existing.ReceiptBytes!.Value, context.Now, cancellationToken);
            }

            await context.Audit.AppendAsync(AuditEventType.Duplicate, existing.EnvelopeId, existing.PeerNode, existing.CaseReference, ReasonCodes.Of(existing.RejectionReason),
                resend ? $"envelope already {existing.State}; nothing stored again; the original receipt queued again" : $"envelope already {existing.State}; nothing stored again",
                existing.PeerNode, cancellationToken);
            return new RecordResult(existing, IsDuplicate: true) { ReceiptQueued = resend };
        }

        var now = context.Now;
        var message = new MessageRecord
        {
            EnvelopeId = record.EnvelopeId,
            Direction = MessageDirection.Inbound,
            PeerNode = record.PeerNode,
            MessageType = record.MessageType,
            CaseReference = record.CaseReference,
            CorrelationId = record.CorrelationId,
            Priority = record.Priority,
            Sequence = record.Sequence,
            // Received → Verified → Stored (or Received → Rejected) all happen in this transaction.
            State = record.IsAccepted ? MessageState.Stored : MessageState.Rejected,
            RejectionReason = record.RejectionReason,
            // Not copied: the record's bytes are the message's (see IGatewayStore.RecordInboundAsync),
            // and a copy of an attachment chunk is two large-object allocations per envelope.
            EnvelopeBytes = record.EnvelopeBytes,
            Payload = record.Payload,
            ReceiptBytes = receipt,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = record.ExpiresAt,
        };
        if (supersedes)
        {
            await MessageTable.ReplaceAsync(session, context.Protection, message, now, cancellationToken);
        }
        else
        {
            await MessageTable.InsertAsync(session, context.Protection, message, now, cancellationToken);
        }

        if (receipt is { } receiptBytes)
        {
            await OutboxTable.InsertAsync(session, message.EnvelopeId, message.PeerNode, OutboxKind.Receipt, receiptBytes, now, cancellationToken);
        }

        var audit = context.Audit;
        await audit.AppendAsync(AuditEventType.Received, message.EnvelopeId, message.PeerNode, message.CaseReference, "",
            supersedes ? $"sequence {message.Sequence}; an authentic copy of an envelope id refused before" : $"sequence {message.Sequence}", message.PeerNode, cancellationToken);
        if (record.IsAccepted)
        {
            await audit.AppendAsync(AuditEventType.Verified, message.EnvelopeId, message.PeerNode, message.CaseReference, "", "every check passed", message.PeerNode, cancellationToken);
            await audit.AppendAsync(AuditEventType.Stored, message, ReceiptNote(receipt is not null || signLater is not null), message.PeerNode, cancellationToken);
        }
        else
        {
            await audit.AppendAsync(AuditEventType.Rejected, message, ReceiptNote(receipt is not null || signLater is not null), message.PeerNode, cancellationToken);
        }

        // The entry just appended, Stored or Rejected, is the one the receipt names.
        signLater?.Enqueue(context, message, context.Audit.Size - 1);
        return new RecordResult(message, IsDuplicate: false) { ReceiptQueued = receipt is not null || signLater is not null };
    }

    private static string ReceiptNote(bool queued) =>
        queued ? "receipt queued for the sender" : "no receipt queued";
}
