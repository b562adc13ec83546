using System.Text.RegularExpressions;

namespace Liaison.Cli.Tests;

/// <summary>What one in-process run of the tool printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public void AssertSuccess()
    {
        Assert.True(ExitCode == 0, $"Expected success, got exit {ExitCode}.\nstdout:\n{Out}\nstderr:\n{Error}");
        AssertNoStackTrace();
    }

    /// <summary>Refused with exit 1 and a sentence on stderr that contains <paramref name="fragment"/>.</summary>
    public void AssertRefused(string fragment)
    {
        Assert.True(ExitCode == 1, $"Expected exit 1, got {ExitCode}.\nstdout:\n{Out}\nstderr:\n{Error}");
        Assert.Matches(new Regex("(?m)^error: [A-Z'].*[.:]$"), Error);
        Assert.Contains(fragment, Error, StringComparison.Ordinal);
        AssertNoStackTrace();
    }

    public void AssertUsageError(string fragment)
    {
        Assert.True(ExitCode == 2, $"Expected exit 2, got {ExitCode}.\nstdout:\n{Out}\nstderr:\n{Error}");
        Assert.Contains(fragment, Error, StringComparison.Ordinal);
        AssertNoStackTrace();
    }

    /// <summary>stdout has a "label: value" line, whatever the alignment.</summary>
    public void AssertField(string label, string value) =>
        Assert.Matches(new Regex($"(?m)^ *{Regex.Escape(label)}: +{Regex.Escape(value)}\\s*$"), Out);

    private void AssertNoStackTrace()
    {
        Assert.DoesNotContain("   at ", Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", Error, StringComparison.Ordinal);
    }
}
