using System.Diagnostics;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>The real executable, as an operator starts it.</summary>
public sealed class GatewayProcessTests
{
    [Fact]
    public async Task AGatewayThatCannotStartSaysWhyInOneLineAndExitsWithTwo()
    {
        using var files = new NodeDirectory();
        File.Delete(files.KeyFile);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Liaison.Gateway.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = files.Root,
        };
        foreach (var (key, value) in files.Settings())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);

        Assert.Equal(2, process.ExitCode);
        var fatal = Assert.Single((await output).Split('\n'), line => line.Contains("\"@l\":\"Fatal\"", StringComparison.Ordinal));
        Assert.Contains($"The private-key file '{files.KeyFile}' does not exist.", fatal, StringComparison.Ordinal);
        Assert.DoesNotContain(NodeDirectory.Passphrase, await output + await errors, StringComparison.Ordinal);
    }
}
