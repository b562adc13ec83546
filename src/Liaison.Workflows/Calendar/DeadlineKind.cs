namespace Liaison.Workflows.Calendar;

/// <summary>The two legal deadlines of a verification request.</summary>
public enum DeadlineKind
{
    /// <summary>Local police verify the person's claimed identity and residence.</summary>
    Verification = 1,

    /// <summary>Identification of the person as a victim is completed.</summary>
    Identification = 2,
}
