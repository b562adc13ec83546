using Liaison.Audit.Checkpoints;
using Liaison.Audit.Notes;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.V1;
using Liaison.Envelope.V1;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Messaging;

/// <summary>
/// The receiver's audit-log position in a receipt (deploy/audit-log.md, "Receipts"): the key
/// that signs its checkpoint on the receiving side, and the checks the sending side makes
/// before it keeps it. Thread-safe.
/// </summary>
internal static class ReceiptLogCheck
{
    /// <summary>
    /// The node's checkpoint signer: in the suite its audit checkpoints are always signed in (that
    /// of its first link, see <see cref="CheckpointIssuer.SigningIdentity"/>), or, for a node that
    /// sends on no link, in the suite of the link the envelope came over.
    /// </summary>
    /// <exception cref="InvalidOperationException">The node holds no signing key valid now in that suite.</exception>
    public static INoteSigner CheckpointSigner(GatewayNode node, string senderNode, TimeProvider time)
    {
        var suite = node.Agreement.Document.Links.FirstOrDefault(l => l.SenderNode == node.NodeId)?.Suite
            ?? node.Agreement.FindLink(senderNode, node.NodeId)?.Suite
            ?? throw new InvalidOperationException($"The agreement has no link between '{senderNode}' and '{node.NodeId}': there is no suite to sign a checkpoint in.");
        return new NodeNoteSigner(node.Agreement, node.Keys, suite, time);
    }

    /// <summary>
    /// The position a verified receipt carries, once its checkpoint is shown to be the receiver's
    /// own (origin), signed by a key the agreement lists for the receiver at the receipt's time,
    /// and to cover the leaf index; otherwise null, with <paramref name="problem"/> saying why.
    /// </summary>
    /// <param name="receipt">A receipt whose own signature <see cref="Crypto.Envelopes.ReceiptVerifier"/> verified.</param>
    /// <param name="verified">Checkpoint signatures already verified, by key; null to verify every time.</param>
    public static ReceiptLogPosition? Verify(AgreementInForce agreement, Receipt receipt, out string problem, VerifiedCheckpoints? verified = null)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(receipt);
        var receiver = receipt.ReceiverNode;
        if (receipt.ReceiverLog is not { } log)
        {
            problem = $"The receipt from '{receiver}' names no position in its audit log.";
            return null;
        }

        SignedCheckpoint parsed;
        try
        {
            parsed = SignedCheckpoint.Parse(log.Checkpoint);
        }
        catch (NoteFormatException e)
        {
            problem = $"The receipt's checkpoint is not a valid signed note: {e.Message}";
            return null;
        }

        var origin = AuditLogOrigin.For(receiver);
        if (parsed.Checkpoint.Origin != origin)
        {
            problem = $"The receipt's checkpoint is of the log '{parsed.Checkpoint.Origin}', not '{origin}'.";
            return null;
        }

        var at = receipt.ReceivedAt.ToDateTimeOffset();
        var outcomes = new List<NoteVerification>(2);
        foreach (var suite in new[] { Suite.InternationalV1, Suite.GmV1 })
        {
            if (NodeStatements.CurrentSigningKey(agreement, receiver, suite, at) is not { } key)
            {
                continue;
            }

            // The receipts of one write batch on the receiving side share its checkpoint: its
            // signature is checked once per key that is valid at the receipt's time, not per receipt.
            if (verified?.Contains(key.KeyIdHex, log.Checkpoint) == true)
            {
                outcomes.Add(NoteVerification.Verified);
                continue;
            }

            var outcome = parsed.Verify(new NodeNoteVerifier(agreement, receiver, suite, at));
            if (outcome == NoteVerification.Verified)
            {
                verified?.Add(key.KeyIdHex, log.Checkpoint);
            }

            outcomes.Add(outcome);
        }

        if (!outcomes.Contains(NoteVerification.Verified))
        {
            problem = outcomes.Contains(NoteVerification.BadSignature)
                ? $"The receipt's checkpoint signature by '{receiver}' does not verify."
                : $"The receipt's checkpoint carries no signature by a key of '{receiver}' valid at the receipt's time.";
            return null;
        }

        var size = parsed.Checkpoint.Size;
        if (size <= log.LeafIndex || size > long.MaxValue)
        {
            problem = $"The receipt's checkpoint, of size {size}, does not cover leaf index {log.LeafIndex}.";
            return null;
        }

        problem = "";
        return new ReceiptLogPosition(receiver, (long)log.LeafIndex, (long)size, log.Checkpoint);
    }
}
