using Liaison.Cli.Demo;

namespace Liaison.Cli.Tests;

/// <summary>
/// The demo's clock: moved forward to the handover's day, never back; kept per data directory so a
/// second run goes on from the first; started so that the walk-through falls in one reporting quarter.
/// </summary>
public sealed class DemoClockTests
{
    private static readonly TimeSpan Span = TimeSpan.FromDays(4) + TimeSpan.FromHours(1);

    [Fact]
    public void MidQuarterItStartsOnTheRealClockAndMovesOnlyForward()
    {
        using var workspace = new Workspace();
        var real = new FixedTimeProvider(new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero));

        var clock = DemoClock.Start(real, workspace.Root, Span);

        Assert.Equal(real.GetUtcNow(), clock.GetUtcNow());
        Assert.Null(clock.Why);
        clock.AdvanceTo(real.GetUtcNow().AddDays(4));
        Assert.Equal(real.GetUtcNow().AddDays(4), clock.GetUtcNow());
        clock.AdvanceTo(real.GetUtcNow());
        Assert.Equal(TimeSpan.FromDays(4), clock.Offset);
    }

    [Fact]
    public void ASecondRunOnTheSameDirectoryGoesOnFromTheFirstRunsClock()
    {
        using var workspace = new Workspace();
        var real = new FixedTimeProvider(new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero));
        var first = DemoClock.Start(real, workspace.Root, Span);
        first.AdvanceTo(real.GetUtcNow().AddDays(4));
        first.Save(workspace.Root);

        var second = DemoClock.Start(real, workspace.Root, Span);

        Assert.Equal(TimeSpan.FromDays(4), second.Offset);
        Assert.Contains("goes on from the earlier run", second.Why, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, DemoClock.Start(real, workspace.PathOf("elsewhere"), Span).Offset);
    }

    [Fact]
    public void NearTheEndOfAQuarterItStartsAtTheNextSoThatTheReportCoversTheWholeWalkThrough()
    {
        using var workspace = new Workspace();
        // Q4 runs to 14 December on the plan's cut-off; four days before its end.
        var real = new FixedTimeProvider(new DateTimeOffset(2026, 12, 11, 3, 0, 0, TimeSpan.Zero));

        var clock = DemoClock.Start(real, workspace.Root, Span);

        var start = clock.GetUtcNow();
        Assert.NotEqual(DemoClock.QuarterOf(real.GetUtcNow()), DemoClock.QuarterOf(start));
        Assert.Equal(DemoClock.QuarterOf(start), DemoClock.QuarterOf(start + Span));
        Assert.Equal(new DateTimeOffset(2026, 12, 15, 0, 1, 0, TimeSpan.FromHours(7)), start);
        Assert.Contains("so it starts at the beginning of", clock.Why, StringComparison.Ordinal);
    }
}
