namespace Liaison.Workflows.Calendar;

/// <summary>A day off announced by a government: a statutory holiday, a compensatory day or a swapped day (调休, hoán đổi).</summary>
/// <param name="Date">The day off.</param>
/// <param name="Name">The name in the country's own language (Vietnamese with diacritics, or simplified Chinese).</param>
/// <param name="EnglishName">The name in English, for partners and auditors who read neither.</param>
public sealed record PublicHoliday(DateOnly Date, string Name, string EnglishName);
