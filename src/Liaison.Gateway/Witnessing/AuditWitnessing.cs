using Google.Protobuf;
using Liaison.Audit.Notes;
using Liaison.Audit.V1;
using Liaison.Audit.Witnessing;
using Liaison.Crypto.Envelopes;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Witnessing;

/// <summary>
/// Cross-witnessing between this node and its partners, over the ordinary sealed-envelope
/// exchange (outbox, signed, encrypted, receipted), so it needs no other channel and degrades
/// like any message: while a partner is unreachable its envelopes wait, and nothing else waits
/// for them.
/// <list type="bullet">
/// <item><see cref="SendCheckpointsAsync"/>: sends each partner this node's latest checkpoint with a
/// consistency proof from the size the partner last cosigned (catching up in one message, never
/// every checkpoint), when the log grew by more than the witnessing's own traffic.</item>
/// <item><see cref="HandleArrivalsAsync"/>: handles the audit.* messages that arrived, in arrival
/// order, each exactly once (a durable cursor): cosigns or alerts as the partner's witness, and
/// stores the partner's cosignatures and alerts about this node's log.</item>
/// </list>
/// Not thread-safe: one loop (<see cref="WitnessingService"/>) calls it.
/// </summary>
public sealed class AuditWitnessing
{
    private const int Page = 100;

    private readonly GatewayNode node;
    private readonly IGatewayStore store;
    private readonly MessageSubmitter submitter;
    private readonly TimeProvider time;
    private readonly WitnessingOptions options;
    private readonly ILogger logger;
    private readonly (string Origin, INoteSigner Signer) logIdentity;
    private readonly CheckpointWitnessing witnessing;
    private readonly CosignatureReception reception;

    // Per partner: the checkpoint last sent and not answered yet, and the size the witness says it holds.
    private readonly Dictionary<string, (long Size, long FromSize, DateTimeOffset At)> sent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> witnessedSizes = new(StringComparer.Ordinal);

    /// <exception cref="InvalidOperationException">The node has no link, or no signing key valid now.</exception>
    public AuditWitnessing(GatewayNode node, IGatewayStore store, MessageSubmitter submitter, TimeProvider time, WitnessingOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(submitter);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        (this.node, this.store, this.submitter, this.time, this.options, this.logger) = (node, store, submitter, time, options, logger);
        logIdentity = CheckpointIssuer.SigningIdentity(node.Agreement, node.Keys, time);
        var suite = WitnessKeys.SuiteOf(node.Agreement, node.NodeId)!.Value;
        witnessing = new CheckpointWitnessing(node, store, new NodeCosigner(node.Agreement, node.Keys, suite, time), time);
        reception = new CosignatureReception(node, store, time);
    }

    /// <summary>Sends the latest checkpoint to each partner that is behind, unless one is already on its way.</summary>
    /// <returns>How many checkpoints were sent.</returns>
    public async Task<int> SendCheckpointsAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var peer in node.Peers.Distinct(StringComparer.Ordinal))
        {
            var link = node.Agreement.FindLink(node.NodeId, peer);
            if (link is null || !link.MessageTypes.Contains(WitnessingMessageTypes.Checkpoint))
            {
                continue;
            }

            var fromSize = Math.Max(await store.GetCosignedSizeAsync(peer, cancellationToken), witnessedSizes.GetValueOrDefault(peer));
            var now = time.GetUtcNow();
            if (sent.TryGetValue(peer, out var last) && last.Size > fromSize && now - last.At < options.ResendAfter)
            {
                continue;
            }

            if (!await store.HasAuditEntriesBesidesWitnessingAsync(fromSize, cancellationToken))
            {
                continue;
            }

            // A checkpoint of the log as it stands now, rather than waiting for the issuer's next one.
            await store.IssueAuditCheckpointAsync(logIdentity.Origin, logIdentity.Signer, cancellationToken);
            var latest = await store.GetLatestAuditCheckpointAsync(cancellationToken);
            if (latest is null || latest.TreeSize <= fromSize)
            {
                continue;
            }

            var proof = await store.GetAuditConsistencyProofAsync(fromSize, latest.TreeSize, cancellationToken);
            var request = new CheckpointForWitness { Note = latest.Note, FromSize = (ulong)fromSize };
            request.ConsistencyProof.AddRange(proof.Path.Select(h => ByteString.CopyFrom(h.AsSpan())));
            await submitter.SubmitAsync(
                new SubmitRequest($"audit.checkpoint/{latest.TreeSize}-{fromSize}/{peer}", peer, WitnessingMessageTypes.Checkpoint, request.ToByteArray()),
                cancellationToken);
            sent[peer] = (latest.TreeSize, fromSize, now);
            WitnessingLog.CheckpointSent(logger, latest.TreeSize, fromSize, peer);
            count++;
        }

        return count;
    }

    /// <summary>Handles every witnessing message that arrived since the last call.</summary>
    /// <returns>How many were handled.</returns>
    public async Task<int> HandleArrivalsAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        while (true)
        {
            var page = await store.ListPendingWitnessingAsync(Page, cancellationToken);
            foreach (var message in page)
            {
                await store.RecordWitnessingAsync(await HandleAsync(message, cancellationToken), cancellationToken);
                handled++;
            }

            if (page.Count < Page)
            {
                return handled;
            }
        }
    }

    private async Task<WitnessingStep> HandleAsync(WitnessingMessage message, CancellationToken cancellationToken)
    {
        // A refused envelope was never the partner's word: skipped, like a message from a node that is not a partner.
        if (message.State != MessageState.Stored || node.Agreement.FindLink(message.PeerNode, node.NodeId) is null)
        {
            return new WitnessingStep(message.Arrival);
        }

        var payload = await store.GetPayloadAsync(message.EnvelopeId, cancellationToken);
        if (message.MessageType == WitnessingMessageTypes.Checkpoint)
        {
            var (answer, step) = await witnessing.JudgeAsync(message, payload, cancellationToken);
            // Answered before the step is recorded: after a crash in between, the message is judged
            // again against the same state and the answer's request id makes the second one a replay.
            await AnswerAsync(message, answer, cancellationToken);
            Log(step, answer);
            return step;
        }

        var (received, witnessedSize) = await reception.ReceiveAsync(message, payload, cancellationToken);
        if (witnessedSize is { } size)
        {
            witnessedSizes[message.PeerNode] = size;
            sent.Remove(message.PeerNode);
            WitnessingLog.NotCosignedByWitness(logger, message.PeerNode, size);
        }

        Log(received, null);
        return received;
    }

    private async Task AnswerAsync(WitnessingMessage message, WitnessAnswer answer, CancellationToken cancellationToken)
    {
        try
        {
            await submitter.SubmitAsync(
                new SubmitRequest($"audit.cosignature/{message.EnvelopeId}", message.PeerNode, WitnessingMessageTypes.Cosignature, answer.ToByteArray()),
                cancellationToken);
        }
        catch (EnvelopeSealException e)
        {
            // The agreement does not let this node answer (the type is not allowed on the link back):
            // the judgement is still recorded and audited here.
            WitnessingLog.AnswerFailed(logger, message.EnvelopeId, message.PeerNode, e.GetType().Name);
        }
    }

    private void Log(WitnessingStep step, WitnessAnswer? answer)
    {
        switch (step.Event)
        {
            case AuditEventType.CheckpointCosigned when step.Witnessed is { } witnessed:
                WitnessingLog.CheckpointCosigned(logger, witnessed.Origin, witnessed.TreeSize);
                break;
            case AuditEventType.CheckpointNotCosigned:
                WitnessingLog.CheckpointNotCosigned(logger, AuditLogOrigin.For(step.PeerNode), step.ReasonCode);
                break;
            case AuditEventType.WitnessAlertRaised when step.Alert is { } alert && answer is not null:
                var (seenSize, presentedSize) = (SizeOf(alert.SeenNote), SizeOf(alert.PresentedNote));
                WitnessingLog.WitnessAlertRaised(logger, alert.Origin, step.ReasonCode, seenSize, presentedSize, alert.EnvelopeId);
                break;
            case AuditEventType.CosignatureStored when step.Cosignature is { } cosignature:
                WitnessingLog.CosignatureStored(logger, cosignature.TreeSize, cosignature.Witness);
                break;
            case AuditEventType.CosignatureRefused:
                WitnessingLog.CosignatureRefused(logger, step.PeerNode, step.ReasonCode, step.EnvelopeId ?? Guid.Empty);
                break;
            case AuditEventType.WitnessAlertReceived:
                WitnessingLog.WitnessAlertReceived(logger, step.PeerNode, step.ReasonCode, step.EnvelopeId ?? Guid.Empty);
                break;
        }
    }

    private static long SizeOf(string note)
    {
        try
        {
            return (long)Audit.Checkpoints.SignedCheckpoint.Parse(note).Checkpoint.Size;
        }
        catch (NoteFormatException)
        {
            return -1;
        }
    }
}
