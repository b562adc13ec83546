namespace Liaison.Workflows.Calendar;

/// <summary>
/// How many working days each step of a verification may take. The defaults follow Joint Circular 01/2014:
/// 20 working days to verify, then 10 more to complete identification. Both must be positive.
/// </summary>
public sealed record DeadlinePolicy
{
    /// <summary>20 working days to verify, 10 more to identify.</summary>
    public static DeadlinePolicy Default { get; } = new(20, 10);

    public DeadlinePolicy(int verificationWorkingDays, int identificationWorkingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(verificationWorkingDays);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(identificationWorkingDays);
        VerificationWorkingDays = verificationWorkingDays;
        IdentificationWorkingDays = identificationWorkingDays;
    }

    /// <summary>Working days from receipt of the request until verification is due.</summary>
    public int VerificationWorkingDays { get; }

    /// <summary>Working days from the verification due date until identification is due.</summary>
    public int IdentificationWorkingDays { get; }
}
