using System.Globalization;
using Liaison.Workflows.Criteria;
using Liaison.Workflows.Reports;

namespace Liaison.Cli.Demo;

/// <summary>
/// The demo gateways' clock: the real clock plus an offset that only grows. A handover needs at
/// least 3 days' notice and its roll-call is held to the agreed window, so the walk-through moves
/// this clock forward to the handover's day (<see cref="AdvanceTo"/>) instead of waiting days.
/// The offset is kept in DIR/demo-clock, so a second run on the same data directory goes on
/// from where the first left, never back in time; and the walk-through starts early enough in a
/// reporting quarter that all of it falls in one quarter (<see cref="Start"/>). Timers and
/// timestamps stay real: only the date and time of day move.
/// </summary>
internal sealed class DemoClock : TimeProvider
{
    public const string FileName = "demo-clock";

    private long offsetTicks;

    private DemoClock(TimeProvider real, TimeSpan offset, string? why)
    {
        Real = real;
        offsetTicks = offset.Ticks;
        Why = why;
    }

    /// <summary>Why the clock starts ahead of the real one, or null when it does not.</summary>
    public string? Why { get; }

    /// <summary>The real clock, for what the outside world checks: TLS certificates.</summary>
    public TimeProvider Real { get; }

    /// <summary>How far ahead of the real clock this one is.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override TimeZoneInfo LocalTimeZone => Real.LocalTimeZone;

    public override long TimestampFrequency => Real.TimestampFrequency;

    /// <summary>
    /// The clock for a walk-through of <paramref name="span"/>: ahead of the real one by the offset
    /// an earlier run left in <paramref name="dataDirectory"/>, and moved to the start of the next
    /// reporting quarter if the walk-through would otherwise cross into it.
    /// </summary>
    public static DemoClock Start(TimeProvider real, string dataDirectory, TimeSpan span)
    {
        ArgumentNullException.ThrowIfNull(real);
        var path = Path.Combine(dataDirectory, FileName);
        var kept = File.Exists(path) && TimeSpan.TryParse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture, out var saved) && saved > TimeSpan.Zero
            ? saved
            : TimeSpan.Zero;
        var why = kept > TimeSpan.Zero ? "it goes on from the earlier run on this data directory, which moved it to a handover's day" : null;
        var start = real.GetUtcNow() + kept;
        var next = QuarterOf(start + span);
        if (next != QuarterOf(start))
        {
            // The quarter starts at midnight in the time the report reads days in (UTC+7).
            var nextStart = new DateTimeOffset(next.Start.ToDateTime(TimeOnly.MinValue), CriteriaRegistry.DefaultDayStartOffset).AddMinutes(1);
            kept += nextStart - start;
            why = $"the walk-through would cross into {next}, so it starts at the beginning of {next} and its report covers all of it";
        }

        return new DemoClock(real, kept, why);
    }

    /// <summary>The reporting quarter a time falls in, on the plan's cut-off, as the report walk reads it.</summary>
    public static ReportPeriod QuarterOf(DateTimeOffset time) =>
        ReportPeriod.Containing(DateOnly.FromDateTime(time.ToOffset(CriteriaRegistry.DefaultDayStartOffset).DateTime), ReportPeriodKind.Quarter);

    public override DateTimeOffset GetUtcNow() => Real.GetUtcNow() + Offset;

    public override long GetTimestamp() => Real.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Real.CreateTimer(callback, state, dueTime, period);

    /// <summary>Moves the clock forward to <paramref name="time"/>; never back.</summary>
    public void AdvanceTo(DateTimeOffset time)
    {
        var ahead = time - GetUtcNow();
        if (ahead > TimeSpan.Zero)
        {
            Interlocked.Add(ref offsetTicks, ahead.Ticks);
        }
    }

    /// <summary>Keeps the offset for the next run on <paramref name="dataDirectory"/>.</summary>
    public void Save(string dataDirectory) =>
        File.WriteAllText(Path.Combine(dataDirectory, FileName), Offset.ToString("c", CultureInfo.InvariantCulture) + "\n");
}
