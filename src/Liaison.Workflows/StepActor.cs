namespace Liaison.Workflows;

/// <summary>Which party may take a step, as written in the transition tables.</summary>
public enum StepActor
{
    /// <summary>The side that opened the workflow.</summary>
    Initiator,

    /// <summary>The other side.</summary>
    Responder,

    /// <summary>Either side.</summary>
    Either,

    /// <summary>The side that did NOT author the pending proposal (it answers it).</summary>
    Counterpart,

    /// <summary>The side that authored the pending proposal.</summary>
    Proposer,
}
