using System.Collections.Immutable;

namespace Liaison.Workflows.Calendar;

/// <summary>One country's holidays and make-up working days for one calendar year, with where they come from.</summary>
/// <param name="Country">The country.</param>
/// <param name="Year">The Gregorian year every date belongs to.</param>
/// <param name="Status">Official notice, or provisional statutory data.</param>
/// <param name="Source">The notice (issuer, title, number, date) the data was taken from.</param>
/// <param name="Holidays">The days off, ordered by date.</param>
/// <param name="MakeUpWorkingDays">The weekend days worked, ordered by date.</param>
public sealed record HolidayYear(
    Country Country,
    int Year,
    HolidayYearStatus Status,
    string Source,
    ImmutableArray<PublicHoliday> Holidays,
    ImmutableArray<MakeUpWorkingDay> MakeUpWorkingDays);
