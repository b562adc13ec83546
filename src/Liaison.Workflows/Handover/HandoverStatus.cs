namespace Liaison.Workflows.Handover;

/// <summary>Where a repatriation handover stands.</summary>
public enum HandoverStatus
{
    /// <summary>A plan is proposed; the other side must accept, counter or decline it.</summary>
    Proposed,

    /// <summary>A counter-proposed plan is pending; the side it answers must accept, counter or decline it.</summary>
    CounterProposed,

    /// <summary>The pending plan was accepted; its proposer must confirm it.</summary>
    Accepted,

    /// <summary>The plan is agreed; the roll-call at the gate comes next.</summary>
    Confirmed,

    /// <summary>The roll-call is done; the handover record is to be signed.</summary>
    RollCalled,

    /// <summary>At least one side has signed a handover record.</summary>
    Signing,

    /// <summary>Both sides signed the same record. Terminal.</summary>
    Completed,

    /// <summary>Declined by the other side. Terminal.</summary>
    Declined,

    /// <summary>Cancelled before completion. Terminal.</summary>
    Cancelled,
}
