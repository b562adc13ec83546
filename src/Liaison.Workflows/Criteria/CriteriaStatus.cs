namespace Liaison.Workflows.Criteria;

/// <summary>Where a criteria negotiation stands.</summary>
public enum CriteriaStatus
{
    /// <summary>A catalogue is proposed and signed by its proposer; the other side must answer.</summary>
    Proposed,

    /// <summary>A counter-proposal is pending; the side it answers must answer it.</summary>
    CounterProposed,

    /// <summary>Both sides signed the same catalogue digest. Terminal: a new version is a new negotiation.</summary>
    Agreed,

    /// <summary>The pending catalogue was rejected. Terminal.</summary>
    Rejected,
}
