namespace Liaison.Workflows.Calendar;

/// <summary>How far a year of holiday data can be trusted.</summary>
public enum HolidayYearStatus
{
    /// <summary>Taken from the government's official notice for that year.</summary>
    Official = 1,

    /// <summary>Statutory holidays only, written before the official notice; swaps and make-up days may be missing.</summary>
    Provisional = 2,
}
