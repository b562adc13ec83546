using Google.Protobuf;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Liaison.Workflow.V1;
using Liaison.Workflows;

namespace Liaison.Gateway.Workflows;

/// <summary>
/// Reads a workflow's steps back from the store: the messages in both directions whose
/// correlation id is the workflow id and whose type is a workflow step, oldest first.
/// A step counts once it is committed here: an outbound one from its submit (it will be
/// delivered or, if the partner refuses it, drop out), an inbound one once stored.
/// Thread-safe.
/// </summary>
public sealed class WorkflowLedger(GatewayNode node, IGatewayStore store)
{
    /// <summary>The most steps one workflow may have; far more than any real one needs.</summary>
    public const int MaxSteps = 1000;

    public async Task<IReadOnlyList<WorkflowStepRecord>> ReadAsync(string workflowId, CancellationToken cancellationToken)
    {
        var outbound = await store.ListByCorrelationAsync(MessageDirection.Outbound, workflowId, null, MaxSteps, cancellationToken);
        var inbound = await store.ListByCorrelationAsync(MessageDirection.Inbound, workflowId, null, MaxSteps, cancellationToken);
        var steps = new List<WorkflowStepRecord>();
        foreach (var message in InStepOrder(outbound.Where(Counts).ToList(), inbound.Where(Counts).ToList()))
        {
            if (await store.GetPayloadAsync(message.EnvelopeId, cancellationToken) is not { } payload)
            {
                continue;
            }

            WorkflowEvent step;
            try
            {
                step = WorkflowEvent.Parser.ParseFrom(payload.Span);
            }
            catch (InvalidProtocolBufferException)
            {
                // Not a workflow step after all (another message type with this correlation id).
                continue;
            }

            if (step.EventCase == WorkflowEvent.EventOneofCase.None || step.WorkflowId != workflowId)
            {
                continue;
            }

            steps.Add(new WorkflowStepRecord(message, step, message.Direction == MessageDirection.Outbound ? node.NodeId : message.PeerNode));
        }

        return steps;
    }

    /// <summary>
    /// The order both sides took the steps in. Each side's steps keep the order of its link's
    /// sequence numbers, which is the order it sent them in, even when the broker or the
    /// consumers delivered them out of order (a handover's last signature and its completion,
    /// say); the two sides' steps are merged by when this node recorded them.
    /// </summary>
    private static IEnumerable<MessageSummary> InStepOrder(List<MessageSummary> outbound, List<MessageSummary> inbound)
    {
        outbound.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        inbound.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        var (o, i) = (0, 0);
        while (o < outbound.Count || i < inbound.Count)
        {
            yield return i == inbound.Count || (o < outbound.Count && outbound[o].CreatedAt <= inbound[i].CreatedAt)
                ? outbound[o++]
                : inbound[i++];
        }
    }

    private static bool Counts(MessageSummary message) =>
        IsStepType(message.MessageType)
        && message.State is not (MessageState.Rejected or MessageState.Expired);

    /// <summary>Whether a message type is one of the workflow steps.</summary>
    public static bool IsStepType(string messageType) => WorkflowEvents.Steps.Any(s => WorkflowEvents.MessageType(s) == messageType);
}
