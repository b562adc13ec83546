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
/// The log's side: takes one audit.cosignature message, the partner's answer to a checkpoint
/// this node sent. A cosignature is stored only when it is over a checkpoint this node holds
/// (same origin, size and root) and verifies with the witness's key in the agreement; an alert
/// is stored with its evidence whatever it says, since it is the partner's word against this
/// node's log and the auditors must see it.
/// </summary>
internal sealed class CosignatureReception(GatewayNode node, IGatewayStore store, TimeProvider time)
{
    /// <returns>What to record, and the witness's size when it did not cosign (the next proof starts there), else null.</returns>
    public async Task<(WitnessingStep Step, long? WitnessedSize)> ReceiveAsync(WitnessingMessage message, ReadOnlyMemory<byte>? payload, CancellationToken cancellationToken)
    {
        var witness = message.PeerNode;
        var now = time.GetUtcNow();
        WitnessAnswer answer;
        try
        {
            answer = WitnessAnswer.Parser.ParseFrom((payload ?? ReadOnlyMemory<byte>.Empty).Span);
        }
        catch (InvalidProtocolBufferException)
        {
            return (Refused(message, "malformed", "an answer that is not a witness answer was refused"), null);
        }

        switch (answer.OutcomeCase)
        {
            case WitnessAnswer.OutcomeOneofCase.CosignedNote:
                return (await CosignatureAsync(message, answer.CosignedNote, now, cancellationToken), null);
            case WitnessAnswer.OutcomeOneofCase.Alert:
                var alert = answer.Alert;
                var kind = alert.Kind == WitnessAlertKind.Fork ? WitnessVerdict.Fork : WitnessVerdict.InconsistentProof;
                var stored = new WitnessAlert(
                    AuditLogOrigin.For(node.NodeId), witness, kind, alert.SeenNote, alert.PresentedNote,
                    [.. alert.ConsistencyProof.Where(h => h.Length == MerkleHash.Length).Select(h => MerkleHash.FromBytes(h.Span))],
                    alert.Reason, message.EnvelopeId, now);
                return (Step(message, AuditEventType.WitnessAlertReceived, kind == WitnessVerdict.Fork ? "fork" : "inconsistent-proof",
                    $"{witness} found this node's log inconsistent; the evidence is stored") with { Alert = stored }, null);
            case WitnessAnswer.OutcomeOneofCase.NotCosigned:
                return (new WitnessingStep(message.Arrival), (long)Math.Min(answer.WitnessedSize, long.MaxValue));
            default:
                return (Refused(message, "malformed", "a witness answer with no outcome was refused"), null);
        }
    }

    private async Task<WitnessingStep> CosignatureAsync(WitnessingMessage message, string note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        SignedCheckpoint cosigned;
        try
        {
            cosigned = SignedCheckpoint.Parse(note);
        }
        catch (NoteFormatException)
        {
            return Refused(message, "malformed", "a cosigned note that does not parse was refused");
        }

        var size = (long)cosigned.Checkpoint.Size;
        var own = cosigned.Checkpoint.Origin == AuditLogOrigin.For(node.NodeId) && size > 0
            ? (await store.ListAuditCheckpointsAsync(size, 1, cancellationToken)).FirstOrDefault(c => c.TreeSize == size)
            : null;
        if (own is null || own.Root != cosigned.Checkpoint.Root)
        {
            return Refused(message, "not-this-log", $"a cosignature of size {size} over no checkpoint of this node was refused");
        }

        var verifier = WitnessKeys.CosignatureVerifier(node.Agreement, message.PeerNode, now);
        if (verifier is null || cosigned.Verify(verifier) != NoteVerification.Verified)
        {
            return Refused(message, "bad-cosignature", $"a cosignature of checkpoint {size} that does not verify with the key of {message.PeerNode} was refused");
        }

        return Step(message, AuditEventType.CosignatureStored, "", $"checkpoint {size} cosigned by {message.PeerNode}") with
        {
            Cosignature = new StoredCosignature(size, message.PeerNode, note, message.EnvelopeId, now),
        };
    }

    private static WitnessingStep Refused(WitnessingMessage message, string reasonCode, string detail) =>
        Step(message, AuditEventType.CosignatureRefused, reasonCode, detail);

    private static WitnessingStep Step(WitnessingMessage message, AuditEventType type, string reasonCode, string detail) =>
        new(message.Arrival) { Event = type, EnvelopeId = message.EnvelopeId, PeerNode = message.PeerNode, ReasonCode = reasonCode, Detail = detail };
}
