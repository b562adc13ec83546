using Liaison.Crypto.Envelopes;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>The submit transaction: idempotency, sequence, seal, message, outbox row, audit.</summary>
internal static class SubmitOperation
{
    /// <param name="ticket">The envelope sealed ahead (<see cref="SubmitSealing"/>), used if it carries the sequence taken here; otherwise sealed here.</param>
    public static async Task<SubmitResult> RunAsync(WriteContext context, OutboundSubmission submission, Func<ulong, SealResult> seal, SubmitTicket ticket, CancellationToken cancellationToken)
    {
        var session = context.Session;
        ticket.Assigned = null;
        if (await MessageTable.FindByRequestIdAsync(session, context.Protection, submission.RequestId, whenErased: true, cancellationToken) is { } existing)
        {
            return existing.RequestDigest is { } digest && digest.Span.SequenceEqual(submission.RequestDigest.Span)
                ? new SubmitResult(existing, IsReplay: true)
                : throw new RequestIdConflictException(submission.RequestId, existing.EnvelopeId);
        }

        var sequence = await LinkSequences.NextAsync(session, submission.PeerNode, cancellationToken);
        ticket.Assigned = sequence;
        var sealedEnvelope = ticket.PresealedFor(sequence) ?? seal(sequence) ?? throw new InvalidOperationException("The seal delegate returned no envelope.");
        EnsureMatches(submission, sequence, sealedEnvelope);

        var now = context.Now;
        var message = new MessageRecord
        {
            EnvelopeId = sealedEnvelope.EnvelopeId,
            Direction = MessageDirection.Outbound,
            PeerNode = submission.PeerNode,
            MessageType = submission.MessageType,
            CaseReference = submission.CaseReference,
            CorrelationId = submission.CorrelationId,
            Priority = submission.Priority,
            Sequence = sequence,
            // Accepted → Sealed happens within this transaction; the row is born sealed.
            State = MessageState.Sealed,
            RejectionReason = Envelope.V1.RejectionReason.Unspecified,
            RequestId = submission.RequestId,
            RequestDigest = submission.RequestDigest.ToArray(),
            EnvelopeBytes = sealedEnvelope.Bytes,
            Payload = OptionalBytes.Copy(submission.KeptPayload),
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = sealedEnvelope.Header.ExpiresAt.ToDateTimeOffset(),
        };
        await MessageTable.InsertAsync(session, context.Protection, message, now, cancellationToken);
        // The sealed envelope is in the message row already: the outbox row holds no second copy
        // (the claim reads it from there), so an attachment chunk is written to disk once, not twice.
        await OutboxTable.InsertAsync(session, message.EnvelopeId, message.PeerNode, OutboxKind.Envelope, ReadOnlyMemory<byte>.Empty, now, cancellationToken);
        // The request id is client-chosen text, so it stays out of the audit trail.
        await context.Audit.AppendAsync(AuditEventType.Submitted, message, $"{message.MessageType} accepted, priority {message.Priority}", submission.Actor, cancellationToken);
        await context.Audit.AppendAsync(AuditEventType.Sealed, message, $"sealed as sequence {sequence}, queued for publishing", submission.Actor, cancellationToken);
        return new SubmitResult(message, IsReplay: false);
    }

    /// <summary>The store keeps the submission's fields as the message's; the envelope must carry the same.</summary>
    private static void EnsureMatches(OutboundSubmission submission, ulong sequence, SealResult sealedEnvelope)
    {
        var header = sealedEnvelope.Header;
        if (header.RecipientNode != submission.PeerNode || header.MessageType != submission.MessageType
            || header.CaseReference != submission.CaseReference || header.CorrelationId != submission.CorrelationId
            || header.Priority != submission.Priority || header.Sequence != sequence || header.ExpiresAt is null)
        {
            throw new InvalidOperationException("The seal delegate sealed an envelope whose recipient, type, references, priority or sequence differ from the submission.");
        }
    }
}
