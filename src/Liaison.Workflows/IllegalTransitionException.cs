namespace Liaison.Workflows;

/// <summary>
/// A workflow step that may not be taken: wrong state, wrong party, or a
/// payload that breaks the workflow's rules. The message is one sentence an
/// officer can read, e.g. "verification vr-1 is Withdrawn; it cannot be answered".
/// It never contains personal data: only ids, state and step names.
/// </summary>
public sealed class IllegalTransitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IllegalTransitionException(WorkflowKind kind, string workflowId, string currentState, string attemptedStep, string message)
        : base(message)
    {
        Kind = kind;
        WorkflowId = workflowId;
        CurrentState = currentState;
        AttemptedStep = attemptedStep;
    }

    /// <summary>Required by the analyzers; prefer the full constructor.</summary>
    public IllegalTransitionException() : this(default, "", "", "", "Illegal workflow transition.") { }

    /// <summary>Required by the analyzers; prefer the full constructor.</summary>
    public IllegalTransitionException(string message) : this(default, "", "", "", message) { }

    /// <summary>Required by the analyzers; prefer the full constructor.</summary>
    public IllegalTransitionException(string message, Exception innerException) : base(message, innerException)
    {
        WorkflowId = "";
        CurrentState = "";
        AttemptedStep = "";
    }

    /// <summary>The workflow the step was meant for.</summary>
    public WorkflowKind Kind { get; }

    /// <summary>The workflow id the event carried.</summary>
    public string WorkflowId { get; }

    /// <summary>The current status name, or "None" before the first step.</summary>
    public string CurrentState { get; }

    /// <summary>The step's message type, e.g. "verification.answer".</summary>
    public string AttemptedStep { get; }
}
