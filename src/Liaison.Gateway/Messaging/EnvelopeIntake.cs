using Liaison.Crypto.Envelopes;
using Liaison.Envelope.V1;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Storage.Internal;
using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Messaging;

/// <summary>
/// Receives an envelope from the partner: opens it (every check of the spec), records it
/// in the inbox with its signed receipt queued in the outbox, in one transaction, and
/// wakes the dispatcher to send the receipt and the inbox streams of the gRPC API. The
/// receipt names the audit entry that recorded the envelope's storing (or refusal) and
/// carries a checkpoint of this node's log covering it, signed at the end of the store's
/// write batch (see <see cref="IGatewayStore.RecordInboundWithReceiptAsync"/>).
/// <list type="bullet">
/// <item>A duplicate (same envelope id, already stored) stores nothing; the store audits
/// it and, for an authentic copy, queues the original receipt in the outbox again, for a
/// sender whose first one was lost. It goes out durably, like every other publish.</item>
/// <item>A refused envelope is recorded with its reason (or audited as unreadable), answered
/// with a signed rejection receipt when its sender is a partner, and then fails with
/// <see cref="EnvelopeRejectedException"/>, which sends it to the error queue unretried.</item>
/// </list>
/// Store faults propagate, to the endpoint's retry policy. Used by the consumers of single
/// envelopes and of frames alike. Thread-safe.
/// </summary>
public sealed class EnvelopeIntake(
    GatewayNode node,
    IGatewayStore store,
    OutboxSignal signal,
    IInboxNotifications inbox,
    TimeProvider time,
    ILogger<EnvelopeIntake> logger)
{
    /// <summary>Opens, records and receipts one envelope as it came off the queue.</summary>
    /// <exception cref="EnvelopeRejectedException">The envelope was refused (recorded and audited first).</exception>
    public async Task ReceiveAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var opened = node.Opener.Open(bytes);
        if (!InboundRecord.TryFrom(opened, bytes, out var record))
        {
            // An accepted envelope always has a readable header, so the reason is set here.
            await store.RecordUnreadableRejectionAsync(opened.Reason, cancellationToken);
            logger.UnreadableEnvelopeRefused(ReasonCodes.Of(opened.Reason), opened.Detail);
            throw new EnvelopeRejectedException(opened.Reason, opened.Detail);
        }

        using var scope = logger.EnvelopeScope(record.EnvelopeId, record.CaseReference);
        var receipt = ReceiptSigning(bytes, opened);
        var result = receipt is null
            ? await store.RecordInboundAsync(record, null, cancellationToken)
            : await store.RecordInboundWithReceiptAsync(record, receipt, cancellationToken);
        if (!record.IsAccepted)
        {
            if (result.ReceiptQueued)
            {
                signal.Notify();
            }

            logger.EnvelopeRefused(record.PeerNode, ReasonCodes.Of(record.RejectionReason), opened.Detail);
            throw new EnvelopeRejectedException(record.RejectionReason, opened.Detail);
        }

        if (result.ReceiptQueued)
        {
            signal.Notify();
        }

        if (result.IsDuplicate)
        {
            logger.EnvelopeDuplicate(record.PeerNode, result.Message.State);
            return;
        }

        inbox.MessageRecorded(result.Message);
        logger.EnvelopeStored(record.PeerNode);
    }

    /// <summary>
    /// How the store signs the receipt to send back: always for an accepted envelope; for a
    /// refused one only when the agreement links its (claimed) sender to this node, since only
    /// a partner has an outbound queue to answer on and a key to verify the answer with.
    /// </summary>
    private InboundReceiptSigning? ReceiptSigning(byte[] envelope, EnvelopeOpenResult opened)
    {
        var header = opened.Header!;
        if (!opened.IsAccepted && node.Agreement.FindLink(header.SenderNode, node.NodeId) is null)
        {
            return null;
        }

        static LogPosition Position(long leafIndex, AuditCheckpoint checkpoint) => new() { LeafIndex = checked((ulong)leafIndex), Checkpoint = checkpoint.Note };
        return new InboundReceiptSigning(
            node.NodeId,
            ReceiptLogCheck.CheckpointSigner(node, header.SenderNode, time),
            (leafIndex, checkpoint) => node.ReceiptSigner.Sign(envelope, header, opened.Reason, Position(leafIndex, checkpoint)))
        {
            Batch = new BatchReceiptSigning(node.ReceiptSigner, (leafIndex, checkpoint) => new ReceiptRequest(envelope, header, opened.Reason, Position(leafIndex, checkpoint))),
        };
    }
}
