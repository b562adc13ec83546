namespace Liaison.Cli;

/// <summary>Where a run writes and reads its environment; the real console in production, string writers in tests.</summary>
/// <param name="GetEnvironmentVariable">Looks up an environment variable; tests pass their own to stay isolated.</param>
/// <param name="Cancellation">Cancelled to stop a long-running command (the demo): Ctrl-C or SIGTERM in production, the test in tests.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, Func<string, string?> GetEnvironmentVariable, CancellationToken Cancellation = default)
{
    /// <summary>The clock every command reads; tests may put a fake one here.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public void Note(string sentence) => Error.WriteLine("note: " + sentence);

    public void Warn(string sentence) => Error.WriteLine("warning: " + sentence);
}
