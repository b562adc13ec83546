using System.Diagnostics;
using System.Text.Json;

namespace Liaison.Testing;

/// <summary>
/// <c>rabbitmqctl -n NODE ...</c> for a local broker (scripts/services.sh's), to stop and restore
/// shovels in fault tests. Runs as the test process's user; scripts/services.sh's nodes need root
/// (the Debian wrapper switches to the rabbitmq user and its Erlang cookie).
/// </summary>
public sealed class RabbitMqCtl
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    public RabbitMqCtl(string node)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        Node = node;
    }

    /// <summary>The node name, e.g. rabbit-laocai@localhost.</summary>
    public string Node { get; }

    /// <summary>Runs <c>rabbitmqctl -q -n Node args</c> and returns its standard output.</summary>
    /// <exception cref="InvalidOperationException">It exited with an error; the message has its output.</exception>
    public async Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var args = arguments.ToList();
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["-q", "-n", Node, .. args])
        {
            start.ArgumentList.Add(a);
        }

        var shown = $"rabbitmqctl -n {Node} {string.Join(' ', args.Select(a => Redact.AmqpUri(a)))}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {shown}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{shown} did not finish within {CommandTimeout.TotalSeconds} s");
        }

        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{shown} exited with {process.ExitCode}: {Redact.AmqpUri(errors.Trim())} {Redact.AmqpUri(output.Trim())}".Trim());
        }

        return output;
    }

    /// <summary>The value (JSON) of a runtime parameter, or null if it is not set.</summary>
    public async Task<string?> GetParameterAsync(string vhost, string component, string name, CancellationToken cancellationToken = default)
    {
        var json = await RunAsync(["list_parameters", "-p", vhost, "--formatter", "json"], cancellationToken);
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
        foreach (var parameter in document.RootElement.EnumerateArray())
        {
            if (parameter.GetProperty("component").GetString() == component && parameter.GetProperty("name").GetString() == name)
            {
                var value = parameter.GetProperty("value");
                return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            }
        }

        return null;
    }

    /// <summary>Sets a runtime parameter (for component shovel: creates or replaces a dynamic shovel).</summary>
    public Task SetParameterAsync(string vhost, string component, string name, string valueJson, CancellationToken cancellationToken = default) =>
        RunAsync(["set_parameter", "-p", vhost, component, name, valueJson], cancellationToken);

    /// <summary>Clears a runtime parameter (for component shovel: deletes the dynamic shovel).</summary>
    public Task ClearParameterAsync(string vhost, string component, string name, CancellationToken cancellationToken = default) =>
        RunAsync(["clear_parameter", "-p", vhost, component, name], cancellationToken);

    private static string Executable()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator).Concat(["/usr/sbin", "/usr/local/sbin", "/usr/lib/rabbitmq/bin"]))
        {
            var candidate = Path.Combine(dir, "rabbitmqctl");
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new TestServiceUnavailableException(
            "rabbitmqctl is not installed here, but the link tests need it to stop and restore shovels.\n"
            + TestServiceUnavailableException.HowToProvide);
    }
}
