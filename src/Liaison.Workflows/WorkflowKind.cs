namespace Liaison.Workflows;

/// <summary>The four liaison workflows; every <see cref="Liaison.Workflow.V1.WorkflowEvent"/> step belongs to exactly one.</summary>
public enum WorkflowKind
{
    /// <summary>Verifying and identifying a person found on the other side.</summary>
    Verification,

    /// <summary>Agreeing a version of the joint victim-identification criteria.</summary>
    Criteria,

    /// <summary>Repatriating people at a border gate.</summary>
    Handover,

    /// <summary>An urgent hotline alert.</summary>
    Alert,
}
