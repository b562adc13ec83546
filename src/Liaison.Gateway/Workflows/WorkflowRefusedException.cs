namespace Liaison.Gateway.Workflows;

/// <summary>
/// A workflow step refused before any state machine saw it: a malformed step, a wrong
/// partner for the workflow, or criteria cited that are not in force. The message is
/// safe for callers: ids, node names and version numbers only.
/// </summary>
public sealed class WorkflowRefusedException : Exception
{
    public WorkflowRefusedException(string field, string message)
        : base(message) => Field = field;

    public WorkflowRefusedException()
        : this("", "The workflow step was refused.")
    {
    }

    public WorkflowRefusedException(string message)
        : this("", message)
    {
    }

    public WorkflowRefusedException(string message, Exception innerException)
        : base(message, innerException) => Field = "";

    /// <summary>The request field at fault, e.g. "step.workflow_id", or "".</summary>
    public string Field { get; }
}
