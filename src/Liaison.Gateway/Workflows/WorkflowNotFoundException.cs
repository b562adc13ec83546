namespace Liaison.Gateway.Workflows;

/// <summary>No step of this workflow is stored here.</summary>
public sealed class WorkflowNotFoundException : Exception
{
    public WorkflowNotFoundException(string workflowId)
        : base($"No workflow {workflowId} is known here.") => WorkflowId = workflowId;

    public WorkflowNotFoundException()
        : this("")
    {
    }

    public WorkflowNotFoundException(string message, Exception innerException)
        : base(message, innerException) => WorkflowId = "";

    public string WorkflowId { get; }
}
