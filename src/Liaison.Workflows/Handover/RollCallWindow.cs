using System.Globalization;

namespace Liaison.Workflows.Handover;

/// <summary>
/// Holds the roll-call at the gate to the agreed window, give or take the policy's tolerance:
/// the people are called on the day and at the hour both sides agreed, not days before or after.
/// The times in a refusal are the gate's local times, as the officers on both sides read them.
/// </summary>
internal static class RollCallWindow
{
    /// <summary>Why a roll-call at <paramref name="at"/> (the step's own time) is refused, or null.</summary>
    public static string? Problem(HandoverState state, HandoverPolicy policy, DateTimeOffset at)
    {
        var tolerance = policy.RollCallTolerance;
        var opens = state.WindowStart - tolerance;
        var closes = state.WindowEnd + tolerance;
        if (at >= opens && at <= closes)
        {
            return null;
        }

        // A gate dropped from the configuration since the plan was agreed: still held to the window, shown in UTC.
        var zone = state.Gate?.TimeZone ?? TimeZoneInfo.Utc;
        string Local(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var when = at < opens ? "before" : "after";
        return $"the roll-call at {Local(at)} is {when} the agreed window at gate {state.BorderGateId}, {Local(state.WindowStart)} to {Local(state.WindowEnd)} ({zone.Id}); "
            + $"it may be held from {Local(opens)} to {Local(closes)}, {Duration(tolerance)} either side of the window";
    }

    private static string Duration(TimeSpan span) => span.TotalMinutes % 60 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0} {(span.TotalHours == 1 ? "hour" : "hours")}")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} minutes");
}
