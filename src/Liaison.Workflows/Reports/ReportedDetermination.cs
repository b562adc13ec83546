namespace Liaison.Workflows.Reports;

/// <summary>Whether the person was determined to be a victim under the agreed criteria.</summary>
public enum ReportedDetermination
{
    /// <summary>Not (yet) determined.</summary>
    Undetermined = 1,

    /// <summary>Determined to be a victim.</summary>
    Victim = 2,

    /// <summary>Determined not to be a victim.</summary>
    NotVictim = 3,
}
