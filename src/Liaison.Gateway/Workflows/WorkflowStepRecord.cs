using Liaison.Gateway.Storage;
using Liaison.Workflow.V1;

namespace Liaison.Gateway.Workflows;

/// <summary>One step of a workflow as this node holds it: the message that carried it and the step itself.</summary>
/// <param name="AuthorNode">The node that took the step: this node for an outbound message, the sender for an inbound one.</param>
public sealed record WorkflowStepRecord(MessageSummary Message, WorkflowEvent Event, string AuthorNode);
