namespace Liaison.Workflows.Verification;

/// <summary>Where a verification stands.</summary>
public enum VerificationStatus
{
    /// <summary>Sent; waiting for the responding side.</summary>
    Requested,

    /// <summary>The responding side asked for more information.</summary>
    MoreInformationNeeded,

    /// <summary>The requesting side supplied it; waiting for an answer again.</summary>
    InformationSupplied,

    /// <summary>Final answer given (confirmed, not found or partial match). Terminal.</summary>
    Answered,

    /// <summary>Withdrawn by the requesting side before a final answer. Terminal.</summary>
    Withdrawn,
}
