namespace Liaison.Workflows.Calendar;

/// <summary>
/// A Saturday or Sunday that government offices work, in exchange for a weekday off next to a holiday
/// (China's 调休 around Spring Festival and National Day; Vietnam's "làm bù").
/// </summary>
/// <param name="Date">The weekend day that is worked.</param>
/// <param name="Name">The name in the country's own language.</param>
/// <param name="EnglishName">The name in English.</param>
public sealed record MakeUpWorkingDay(DateOnly Date, string Name, string EnglishName);
