using Liaison.Audit.Checkpoints;
using Liaison.Envelope.V1;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Storage.Internal;
using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Messaging;

/// <summary>
/// Receives a receipt for an envelope this node sent: loads the envelope it claims to be
/// about, verifies the receipt against exactly those bytes and the checkpoint of the receiver's
/// audit log it carries (<see cref="ReceiptLogCheck"/>), and records it (Delivered or Rejected)
/// with the receiver's log position. A receipt that is not valid fails with
/// <see cref="ReceiptRejectedException"/> and goes to the error queue unretried, after the
/// refusal is audited (ReceiptRefused; REJECTION_REASON_BAD_CHECKPOINT for the checkpoint).
/// Used by the consumers of single receipts and of frames alike. Thread-safe.
/// </summary>
public sealed class ReceiptIntake(
    GatewayNode node,
    IGatewayStore store,
    TimeProvider time,
    ILogger<ReceiptIntake> logger)
{
    private readonly VerifiedCheckpoints verifiedCheckpoints = new();

    // Checkpoints already compared with the ones this node cosigned: a batch's receipts share one.
    private readonly VerifiedCheckpoints comparedCheckpoints = new();

    /// <summary>Verifies and records one receipt as it came off the queue.</summary>
    /// <exception cref="ReceiptRejectedException">The receipt was refused (audited first).</exception>
    public Task ReceiveAsync(byte[] bytes, CancellationToken cancellationToken) => ReceiveAsync(bytes, null, cancellationToken);

    /// <summary>
    /// Verifies and records a frame's receipts, each as <see cref="ReceiveAsync(byte[], CancellationToken)"/>,
    /// all at once (<see cref="FrameIntake"/>). The envelopes they are about are read first in one
    /// query, rather than one query per receipt, each on a connection of its own.
    /// </summary>
    /// <exception cref="ReceiptRejectedException">Receipts of the frame were refused (each audited first); the message names them all.</exception>
    public async Task ReceiveAllAsync(byte[]?[]? receipts, CancellationToken cancellationToken)
    {
        var envelopeIds = (receipts ?? []).Select(r => r is null ? null : ReceiptEnvelopeId.TryRead(r)).OfType<Guid>().ToList();
        var sent = await store.GetMetadataAsync(envelopeIds, cancellationToken);
        await FrameIntake.ReceiveAllAsync<ReceiptRejectedException>(
            receipts,
            receipt => ReceiveAsync(receipt, sent, cancellationToken),
            (first, detail) => new ReceiptRejectedException(first.Reason, detail));
    }

    /// <param name="sentMessages">The envelopes read for a frame; null to read this receipt's own.</param>
    private async Task ReceiveAsync(byte[] bytes, IReadOnlyDictionary<Guid, MessageRecord>? sentMessages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var envelopeId = ReceiptEnvelopeId.TryRead(bytes)
            ?? throw await RefuseAsync(null, "", RejectionReason.Malformed, "The bytes are not a signed receipt with an envelope id.", cancellationToken);
        // The sent envelope's bytes are stored clear; nothing personal needs decrypting to check a receipt.
        var sent = sentMessages is null ? await store.GetMetadataAsync(envelopeId, cancellationToken) : sentMessages.GetValueOrDefault(envelopeId);
        if (sent is not { Direction: MessageDirection.Outbound })
        {
            throw await RefuseAsync(envelopeId, "", RejectionReason.WrongRecipient, $"The receipt is about envelope {envelopeId}, which this node did not send.", cancellationToken);
        }

        using var scope = logger.EnvelopeScope(envelopeId, sent.CaseReference);
        var check = node.ReceiptVerifier.Verify(bytes, sent.EnvelopeBytes.Span);
        if (!check.IsValid)
        {
            throw await RefuseAsync(envelopeId, sent.PeerNode, check.Reason, check.Detail, cancellationToken);
        }

        var body = check.Receipt!;
        var receiverLog = ReceiptLogCheck.Verify(node.Agreement, body, out var problem, verifiedCheckpoints)
            ?? throw await RefuseAsync(envelopeId, sent.PeerNode, RejectionReason.BadCheckpoint, problem, cancellationToken);
        if (await SplitViewAsync(receiverLog, cancellationToken) is { } splitView)
        {
            throw await RefuseAsync(envelopeId, sent.PeerNode, RejectionReason.BadCheckpoint, splitView, cancellationToken);
        }

        var result = await store.RecordReceiptAsync(envelopeId, bytes, body.Status, body.RejectionReason, receiverLog, time.GetUtcNow(), cancellationToken);
        if (result.IsDuplicate)
        {
            logger.ReceiptDuplicate(sent.PeerNode);
        }
        else
        {
            logger.ReceiptRecorded(sent.PeerNode, result.Message.State);
        }
    }

    /// <summary>
    /// The receiver shows this node its log twice: in the checkpoints it sends for witnessing, and in
    /// every receipt. Both are signed by its key; if they differ at the same size, the receiver keeps
    /// two versions of its log (a split view), which witnessing alone would not see when the receipts
    /// carry the other one. Checked once per checkpoint; null when consistent or not comparable.
    /// </summary>
    private async Task<string?> SplitViewAsync(ReceiptLogPosition position, CancellationToken cancellationToken)
    {
        if (comparedCheckpoints.Contains(position.LogNode, position.CheckpointNote))
        {
            return null;
        }

        var witnessed = await store.GetWitnessedCheckpointAsync(AuditLogOrigin.For(position.LogNode), position.TreeSize, cancellationToken);
        var root = SignedCheckpoint.Parse(position.CheckpointNote).Checkpoint.Root;
        if (witnessed is not null && witnessed.Root != root)
        {
            var (receiptRoot, witnessedRoot) = (root.ToString(), witnessed.Root.ToString());
            logger.ReceiptCheckpointSplitView(position.LogNode, position.TreeSize, receiptRoot, witnessedRoot);
            return $"The receipt's checkpoint of '{position.LogNode}' at size {position.TreeSize} has another root than the one this node cosigned at that size: a split view of its audit log.";
        }

        comparedCheckpoints.Add(position.LogNode, position.CheckpointNote);
        return null;
    }

    /// <summary>Audits and logs the refusal; the exception it returns sends the receipt to the error queue.</summary>
    private async Task<ReceiptRejectedException> RefuseAsync(Guid? envelopeId, string peerNode, RejectionReason reason, string detail, CancellationToken cancellationToken)
    {
        await store.RecordReceiptRefusalAsync(envelopeId, peerNode, reason, cancellationToken);
        logger.ReceiptRefused(ReasonCodes.Of(reason), detail);
        return new ReceiptRejectedException(reason, detail);
    }
}
