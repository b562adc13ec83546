namespace Liaison.Workflows.Reports;

/// <summary>The answer to a verification request, as the gateway maps it for reporting.</summary>
public enum ReportedOutcome
{
    /// <summary>No answer yet.</summary>
    Unanswered = 1,

    /// <summary>Identity confirmed.</summary>
    Confirmed = 2,

    /// <summary>No such person found.</summary>
    NotFound = 3,

    /// <summary>Some details match.</summary>
    PartialMatch = 4,

    /// <summary>The verifying side asked for more information.</summary>
    MoreInformationNeeded = 5,
}
