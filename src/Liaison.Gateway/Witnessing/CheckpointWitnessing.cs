using Google.Protobuf;
using Liaison.Audit.Checkpoints;
using Liaison.Audit.Merkle;
using Liaison.Audit.Notes;
using Liaison.Audit.V1;
using Liaison.Audit.Witnessing;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Witnessing;

/// <summary>
/// The witness side: judges one audit.checkpoint message from the partner against the witness
/// state (the checkpoints of its log this node cosigned) and says what to answer and store.
/// A checkpoint is checked against the checkpoint of the same size when this node cosigned one
/// (a fork), else against the largest it cosigned, with the proof from that size (a rewrite);
/// and, before it is cosigned, against the checkpoints of that size the partner's receipts carried.
/// Stores nothing itself; the caller answers first and then records the step.
/// </summary>
internal sealed class CheckpointWitnessing(GatewayNode node, IGatewayStore store, INoteSigner cosigner, TimeProvider time)
{
    public async Task<(WitnessAnswer Answer, WitnessingStep Step)> JudgeAsync(WitnessingMessage message, ReadOnlyMemory<byte>? payload, CancellationToken cancellationToken)
    {
        var origin = AuditLogOrigin.For(message.PeerNode);
        var latest = await store.GetWitnessedCheckpointAsync(origin, null, cancellationToken);
        var witnessedSize = latest?.TreeSize ?? 0;
        var now = time.GetUtcNow();
        CheckpointForWitness request;
        try
        {
            request = CheckpointForWitness.Parser.ParseFrom((payload ?? ReadOnlyMemory<byte>.Empty).Span);
        }
        catch (InvalidProtocolBufferException)
        {
            return NotCosigned(message, origin, witnessedSize, "malformed", "The message is not a checkpoint for witnessing.");
        }

        if (WitnessKeys.LogVerifier(node.Agreement, message.PeerNode, now) is not { } logKey)
        {
            return NotCosigned(message, origin, witnessedSize, "no-log-key", $"The agreement lists no checkpoint key of '{message.PeerNode}' valid now.");
        }

        SignedCheckpoint? presented = null;
        try
        {
            presented = SignedCheckpoint.Parse(request.Note);
        }
        catch (NoteFormatException)
        {
            // The witness names the rule broken in its decision below.
        }

        WitnessedCheckpoint? against = latest;
        IReadOnlyList<MerkleHash> proof = [];
        if (presented is not null && latest is not null && (long)presented.Checkpoint.Size <= latest.TreeSize)
        {
            // Checked against the checkpoint of the same size, if this node cosigned one: a different root is a fork.
            var size = (long)presented.Checkpoint.Size;
            against = size == latest.TreeSize ? latest : await store.GetWitnessedCheckpointAsync(origin, size, cancellationToken);
            if (against is null)
            {
                return NotCosigned(message, origin, witnessedSize, "older-size", $"Size {size} is older than the size {witnessedSize} already cosigned.");
            }
        }
        else if ((long)request.FromSize != witnessedSize)
        {
            return NotCosigned(message, origin, witnessedSize, "proof-from-other-size", $"The proof starts at size {request.FromSize}; this witness holds size {witnessedSize}.");
        }
        else if (request.ConsistencyProof.Any(h => h.Length != MerkleHash.Length))
        {
            return NotCosigned(message, origin, witnessedSize, "malformed", $"A consistency proof is made of {MerkleHash.Length}-byte hashes.");
        }
        else
        {
            proof = [.. request.ConsistencyProof.Select(h => MerkleHash.FromBytes(h.Span))];
        }

        var decision = new Witness(origin, logKey, cosigner)
            .Evaluate(against is null ? null : SignedCheckpoint.Parse(against.CosignedNote), request.Note, proof);
        switch (decision.Verdict)
        {
            case WitnessVerdict.Cosigned:
                var checkpoint = decision.Cosigned!;
                var size = (long)checkpoint.Checkpoint.Size;
                if (await ReceiptForkAsync(message, origin, checkpoint.Checkpoint, request.Note, witnessedSize, now, cancellationToken) is { } fork)
                {
                    return fork;
                }

                var cosignedNote = checkpoint.ToString();
                return (
                    new WitnessAnswer { WitnessedSize = (ulong)Math.Max(size, witnessedSize), CosignedNote = cosignedNote },
                    Step(message, AuditEventType.CheckpointCosigned, "", $"cosigned checkpoint {size} of {origin}") with
                    {
                        Witnessed = size > witnessedSize || latest is null ? new WitnessedCheckpoint(origin, size, checkpoint.Checkpoint.Root, cosignedNote, message.EnvelopeId, now) : null,
                    });
            case WitnessVerdict.Fork or WitnessVerdict.InconsistentProof when decision.Evidence is { } evidence:
                var kind = decision.Verdict == WitnessVerdict.Fork ? "fork" : "inconsistent-proof";
                var alert = new WitnessAlert(origin, node.NodeId, decision.Verdict, evidence.Seen.ToString(), request.Note, evidence.ConsistencyProof, decision.Reason, message.EnvelopeId, now);
                return (
                    new WitnessAnswer { WitnessedSize = (ulong)witnessedSize, Alert = ToProto(alert) },
                    Step(message, AuditEventType.WitnessAlertRaised, kind,
                        $"{origin}: checkpoint {evidence.Presented.Checkpoint.Size} is inconsistent with checkpoint {evidence.Seen.Checkpoint.Size} cosigned before; both kept") with { Alert = alert });
            default:
                return NotCosigned(message, origin, witnessedSize, ReasonCodeOf(decision.Verdict), decision.Reason);
        }
    }

    /// <summary>
    /// The partner's receipts may have shown this node its log at this size before it asked to have
    /// it witnessed: a receipt's checkpoint, signed by the partner and verified when the receipt
    /// came, with another root is a fork as much as a cosigned one would be. (The other order, a
    /// receipt after the witnessing, is caught when the receipt comes, in ReceiptIntake.)
    /// </summary>
    private async Task<(WitnessAnswer, WitnessingStep)?> ReceiptForkAsync(
        WitnessingMessage message, string origin, Checkpoint presented, string presentedNote, long witnessedSize, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var note in await store.ListReceiptCheckpointNotesAsync(message.PeerNode, (long)presented.Size, cancellationToken))
        {
            var shown = SignedCheckpoint.Parse(note).Checkpoint;
            if (shown.Root == presented.Root)
            {
                continue;
            }

            var reason = $"A receipt of '{message.PeerNode}' carried checkpoint {presented.Size} of {origin} with root {shown.Root}; the checkpoint presented for witnessing has root {presented.Root} at the same size.";
            var alert = new WitnessAlert(origin, node.NodeId, WitnessVerdict.Fork, note, presentedNote, [], reason, message.EnvelopeId, now);
            return (
                new WitnessAnswer { WitnessedSize = (ulong)witnessedSize, Alert = ToProto(alert) },
                Step(message, AuditEventType.WitnessAlertRaised, "fork",
                    $"{origin}: checkpoint {presented.Size} is inconsistent with the checkpoint of that size a receipt carried; both kept") with { Alert = alert });
        }

        return null;
    }

    public static Audit.V1.WitnessAlert ToProto(WitnessAlert alert)
    {
        var proto = new Audit.V1.WitnessAlert
        {
            Kind = alert.Kind == WitnessVerdict.Fork ? WitnessAlertKind.Fork : WitnessAlertKind.InconsistentProof,
            SeenNote = alert.SeenNote,
            PresentedNote = alert.PresentedNote,
            Reason = alert.Reason,
        };
        proto.ConsistencyProof.AddRange(alert.ConsistencyProof.Select(h => ByteString.CopyFrom(h.AsSpan())));
        return proto;
    }

    private static string ReasonCodeOf(WitnessVerdict verdict) => verdict switch
    {
        WitnessVerdict.Malformed => "malformed",
        WitnessVerdict.UnknownOrigin => "unknown-origin",
        WitnessVerdict.BadSignature => "bad-signature",
        WitnessVerdict.OlderSize => "older-size",
        // A first checkpoint whose proof from size 0 is not empty: nothing seen before, so no evidence.
        _ => "bad-proof",
    };

    private static (WitnessAnswer, WitnessingStep) NotCosigned(WitnessingMessage message, string origin, long witnessedSize, string reasonCode, string reason) =>
        (new WitnessAnswer { WitnessedSize = (ulong)witnessedSize, NotCosigned = reason },
         Step(message, AuditEventType.CheckpointNotCosigned, reasonCode, $"a checkpoint of {origin} was not cosigned; this node holds size {witnessedSize}"));

    private static WitnessingStep Step(WitnessingMessage message, AuditEventType type, string reasonCode, string detail) =>
        new(message.Arrival) { Event = type, EnvelopeId = message.EnvelopeId, PeerNode = message.PeerNode, ReasonCode = reasonCode, Detail = detail };
}
